import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ACTOR } from '../../api/accounts/account-actor.ts';
import { createAccount } from '../../api/accounts/create-account.ts';
import { createDb } from '../../db/create-db.ts';
import { migrate } from '../../db/migrate.ts';
import type { Db } from '../../db/create-db.ts';
import { seedReference } from '../../pipeline/seed/seed-reference.ts';
import { createTestDb, TEST_ENGINE, type TestDb } from '../support/test-db.ts';
import { idleRss, probeUpload, sharedStringsBomb, sheetBomb, signIn, wideCellsFile, type Auth, type UploadProbe } from '../../testkit/hostile-upload-health-probe.ts';
import { startServer, stopServer, type ServerProcess } from '../../testkit/server-process.ts';

// Issue #16: while the server refuses an XLSX whose headers lie about its size, its RSS stays
// within 150 MB of idle and /api/health answers within 1 s, on both engines. Before: on the
// embedded engine health queued behind the load's transaction for the whole upload (1.5 s for
// the shared-string bomb, 11.7 s for the long-cell file); on PostgreSQL refusing the
// shared-string bomb grew the process by 160–190 MB and the long-cell file by 330 MB, and the
// long-cell file ran 7–13 s to the part-size limit instead of stopping at a cell-text cap.
// Measured here on a busy 2-core machine after the fix: health at most 670 ms on PGlite (its
// 250 ms wait for a busy database, plus stalls), 140 ms on PostgreSQL; RSS at most +80 MB.
// (The worksheet bomb was refused well before too; it guards against a regression.)

const MB = 1024 * 1024;
const PASSWORD = 'district-3801-password';

async function prepare(db: Db): Promise<void> {
  await seedReference(db);
  await createAccount(db, { username: 'district3801', role: 'district', scope: '3801', password: PASSWORD }, { actor: CLI_ACTOR, now: new Date(), activationTtlDays: 1 });
}

describe(`the server stays healthy while it refuses hostile XLSX uploads (${TEST_ENGINE})`, () => {
  let t: TestDb | undefined;
  let dataDir: string | undefined;
  let server: ServerProcess;
  let auth: Auth;

  beforeAll(async () => {
    let databaseUrl = '';
    const env: Record<string, string> = {};
    if (TEST_ENGINE === 'postgres') {
      t = await createTestDb();
      await prepare(t.db);
      databaseUrl = t.url!;
    } else {
      // The server process opens the embedded database itself: prepared here first, then closed.
      dataDir = mkdtempSync(join(tmpdir(), 'otop-hostile-health-'));
      env.DATA_DIR = join(dataDir, 'pglite');
      const handle = await createDb({ dataDir: env.DATA_DIR });
      await migrate(handle.db);
      await prepare(handle.db);
      await handle.close();
    }
    server = await startServer(databaseUrl, env);
    auth = await signIn(server.base, 'district3801', PASSWORD);
    for (let i = 0; i < 3; i++) await (await fetch(`${server.base}/api/health`)).arrayBuffer();
  }, 120_000);

  /**
   * The upload, measured against the process's RSS at rest just before it: each case judges
   * its own file, whichever ran before (the heap and PGlite's memory keep some of what an
   * earlier refusal took; bench/faults/hostile-upload-health.ts measures all three against the
   * first idle figure).
   */
  const refuse = async (bytes: Buffer, name: string) => {
    const idle = await idleRss(server.child.pid!, 1000);
    const probe = await probeUpload(server.base, auth, server.child.pid!, bytes, name, '2561-Q1');
    return { probe, idle };
  };

  afterAll(async () => {
    await stopServer(server?.child);
    await t?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const expectHealthy = ({ probe, idle }: { probe: UploadProbe; idle: number }, name: string) => {
    const growthMb = (probe.peakRss - idle) / MB;
    console.log(
      `${TEST_ENGINE} ${name}: ${probe.status} ${probe.codes.join(',')} in ${Math.round(probe.answerMs)} ms; health max ${Math.round(probe.healthMaxMs)} ms ` +
        `(${probe.healthChecks} checks), no-database route max ${Math.round(probe.loopMaxMs)} ms; RSS idle ${(idle / MB).toFixed(0)} MB, peak +${growthMb.toFixed(0)} MB`,
    );
    expect(server.child.exitCode).toBeNull();
    expect(probe.healthFailures).toBe(0);
    expect(probe.healthMaxMs).toBeLessThan(1000);
    expect(growthMb).toBeLessThan(150);
  };

  it('a shared-string table declared as 1,000 bytes holding 2.2 million strings → 422 inflation-limit at the count limit, health < 1 s, RSS < idle + 150 MB', async () => {
    const refused = await refuse(sharedStringsBomb(2_200_000), 'shared-strings-bomb.xlsx');
    const { probe } = refused;
    expect(probe.status).toBe(422);
    expect(probe.codes).toEqual(['inflation-limit']);
    expect(probe.message).toMatch(/part xl\/sharedStrings\.xml of the Excel file holds more than 2,000,000 strings$/);
    expectHealthy(refused, 'shared-strings-bomb.xlsx');
  }, 60_000);

  it('a worksheet declared as 1,000 bytes that inflates to 600 MB → 422 inflation-limit on its ratio, health < 1 s, RSS < idle + 150 MB', async () => {
    const refused = await refuse(sheetBomb(20_000), 'sheet-bomb.xlsx');
    const { probe } = refused;
    expect(probe.status).toBe(422);
    expect(probe.codes).toEqual(['inflation-limit']);
    expect(probe.message).toMatch(/part xl\/worksheets\/sheet1\.xml of the Excel file inflates more than 200 times its compressed size, though its header declares 1 KB$/);
    expectHealthy(refused, 'sheet-bomb.xlsx');
  }, 60_000);

  it('a sheet of 4,000 rows of 30,000-character cells at 70:1 (under the ratio limit) → 422 inflation-limit at the cell-text cap within 10 s, health < 1 s, RSS < idle + 150 MB', async () => {
    const refused = await refuse(wideCellsFile(4_000), 'wide-cells.xlsx');
    const { probe } = refused;
    expect(probe.status).toBe(422);
    expect(probe.codes).toEqual(['inflation-limit']);
    expect(probe.message).toMatch(/the cells of the Excel file hold more than 67,108,864 characters in all$/);
    expect(probe.answerMs).toBeLessThan(10_000);
    expectHealthy(refused, 'wide-cells.xlsx');
  }, 60_000);
});
