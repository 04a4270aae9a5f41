import { defineConfig } from 'vitest/config';

// One suite, two engines: TEST_DATABASE_URL (set by .ci/run) switches the database-backed
// tests from per-file embedded PGlite to a fresh database per file on a real PostgreSQL.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    setupFiles: ['tests/support/fast-check-seed.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two test files at a time on CI's two cores: most files wait on a database or a browser,
    // so two overlap well (the PGlite pass 978 s -> 719 s, measured); vitest's default here is one.
    maxWorkers: 2,
  },
});
