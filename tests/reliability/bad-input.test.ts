import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { producers } from '../../db/schema/index.ts';
import { ISSUE_CODES } from '../../domain/issue-codes.ts';
import { ingestSubmission } from '../../pipeline/ingest-submission.ts';
import { seedReference } from '../../pipeline/seed/seed-reference.ts';
import { ADMIN, IN_WINDOW, tableCounts } from '../pipeline/pipeline-fixtures.ts';
import { createTestDb, TEST_ENGINE, type TestDb } from '../support/test-db.ts';
import { BAD_CASES } from '../../testkit/bad-input-corpus.ts';

const FIXTURES = fileURLToPath(new URL('../fixtures/bad/', import.meta.url));

// Each hostile file gets a clear file-level issue or exact row issues, and writes nothing but
// its own submission record and the rows it accepted.
describe(`bad-input corpus: ${BAD_CASES.length} hostile files, each a clear issue and no stray writes (${TEST_ENGINE})`, () => {
  let t: TestDb;
  let scratch: string;
  beforeAll(async () => {
    t = await createTestDb();
    await seedReference(t.db);
    scratch = mkdtempSync(join(tmpdir(), 'otop-bad-'));
  });
  afterAll(async () => {
    rmSync(scratch, { recursive: true, force: true });
    await t.close();
  });

  it('has at least 30 named cases, and the committed files are exactly what the builder makes', () => {
    expect(BAD_CASES.length).toBeGreaterThanOrEqual(30);
    expect(new Set(BAD_CASES.map((c) => c.name)).size).toBe(BAD_CASES.length);
    for (const c of BAD_CASES.filter((x) => !x.generated)) {
      expect(Buffer.compare(readFileSync(join(FIXTURES, c.name)), c.build()), `${c.name}: run tests/reliability/build-bad-corpus.ts`).toBe(0);
    }
  });

  for (const c of BAD_CASES) {
    const e = c.expected;
    it(`${c.name}: ${c.what} → ${e.kind === 'refused' ? `refused, ${e.code}` : `${e.accepted} accepted, ${e.rejected} rejected`}`, async () => {
      let path = join(FIXTURES, c.name);
      if (c.generated) {
        path = join(scratch, c.name);
        writeFileSync(path, c.build());
      }
      const before = await tableCounts(t.db);
      const started = performance.now();
      const r = await ingestSubmission(t.db, {
        source: { kind: 'path', path },
        fileName: c.name,
        districtCode: '3801',
        roundCode: '2561-Q1',
        dryRun: false,
        user: ADMIN,
        now: IN_WINDOW,
        ...(c.limits ? { limits: c.limits } : {}),
      });
      if (c.generated) rmSync(path);
      expect(performance.now() - started, 'answered within 20 s').toBeLessThan(20_000);
      // Every issue is one of the catalogue's codes, with both messages; no citizen ID in the clear.
      for (const i of r.issues) {
        expect(ISSUE_CODES[i.code]).toBeDefined();
        expect(i.message.th.length * i.message.en.length).toBeGreaterThan(0);
      }
      expect(JSON.stringify(r.issues)).not.toMatch(/(?<!\d)\d{13}(?!\d)/);
      const after = await tableCounts(t.db);

      if (e.kind === 'refused') {
        expect(r.status).toBe('rejected');
        expect(r.issues.map((i) => [i.row, i.code])).toEqual(Array.from({ length: e.count }, () => [null, e.code]));
        if (e.message) expect(r.issues[0]!.message.en).toMatch(e.message);
        expect(after).toEqual({ ...before, submissions: before.submissions + 1 });
        return;
      }
      expect(r.status).toBe(e.rejected === 0 ? 'loaded' : e.accepted === 0 ? 'rejected' : 'partially-loaded');
      expect({ accepted: r.accepted.total, rejected: r.rejected }).toEqual({ accepted: e.accepted, rejected: e.rejected });
      expect(r.issues.map((i) => [i.row, i.code])).toEqual(e.issues);
      // Each accepted row is a new producer with one product; rejected rows leave nothing.
      expect(after).toEqual({
        producers: before.producers + e.accepted,
        registrations: before.registrations + e.accepted,
        products: before.products + e.accepted,
        submissions: before.submissions + 1,
      });
      if (c.storedNames) {
        const stored = await t.db.select({ name: producers.name }).from(producers).where(inArray(producers.name, c.storedNames));
        expect(stored.map((s) => s.name).sort()).toEqual([...c.storedNames].sort());
      }
    }, 60_000);
  }
});
