import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../api/config.ts';
import { ROOT, runOtop } from './support/run-otop.ts';

describe('which database the CLI opened', () => {
  const dir = mkdtempSync(join(tmpdir(), 'otop-cli-db-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the embedded folder it opened, on stderr', async () => {
    const r = await runOtop(['migrate'], { env: { DATA_DIR: join(dir, 'pglite') } });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`database: embedded ${join(dir, 'pglite')}`);
    expect(r.stdout).not.toMatch(/database:/);
  });

  it('prints the PostgreSQL URL with its password masked, even when it cannot connect', async () => {
    const r = await runOtop(['migrate'], { env: { DATABASE_URL: 'postgres://otop:hunter2@127.0.0.1:1/otop?password=hunter2' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/database: postgres:\/\/otop:\*\*\*@127\.0\.0\.1:1\/otop/);
    expect(r.stderr).not.toContain('hunter2');
  });

  // Relative to the current folder, the default made a second, empty database in docs/data/pglite
  // when `npx otop …` ran from docs/. The server reads the same configuration.
  it('the default DATA_DIR is the project root\'s data/pglite, wherever the command runs from', () => {
    expect(loadConfig({}).dataDir).toBe(join(ROOT, 'data', 'pglite'));
    expect(loadConfig({ DATA_DIR: '/srv/otop' }).dataDir).toBe('/srv/otop');
  });
});
