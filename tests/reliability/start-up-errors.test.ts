import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TEST_DATABASE_URL } from '../support/test-db.ts';
import { freePort } from './support/server-process.ts';

// `npm start` and `npx otop …` against a PostgreSQL that cannot be used print the driver's
// cause and what to check, and exit 2 — not Drizzle's bare "Failed query: CREATE SCHEMA …".

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface Run {
  code: number | null;
  output: string;
}

async function run(script: string[], databaseUrl: string): Promise<Run> {
  const port = String(await freePort()); // in case the server got as far as listening
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, script, {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl, READ_DATABASE_URL: '', TEST_DATABASE_URL: '', DEMO: '0', PORT: port },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
  });
}

const SERVER = ['--import', 'tsx', 'api/server.ts'];
const CLI = ['bin/otop.js', 'migrate'];

describe('start-up and the command line against a database that cannot be used', () => {
  for (const [name, script] of [
    ['npm start (api/server.ts)', SERVER],
    ['npx otop migrate', CLI],
  ] as const) {
    it(`${name}, PostgreSQL not listening: exit 2, ECONNREFUSED and what to check`, async () => {
      const port = await freePort(); // bound and released: nothing listens there now
      const r = await run([...script], `postgres://postgres@127.0.0.1:${port}/otop`);
      expect(r.code).toBe(2);
      expect(r.output).toContain(`ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:${port}`);
      expect(r.output).toContain('Check: is PostgreSQL running, and do the host and port in DATABASE_URL point at it?');
      expect(r.output).toContain('ตรวจสอบ:');
      expect(r.output).not.toContain('Failed query');
    }, 60_000);

    it.skipIf(!TEST_DATABASE_URL)(
      `${name}, a database that does not exist: exit 2, 3D000 and what to check (needs a PostgreSQL server: TEST_DATABASE_URL)`,
      async () => {
        const url = new URL(TEST_DATABASE_URL!);
        url.pathname = '/otop_no_such_database';
        const r = await run([...script], url.toString());
        expect(r.code).toBe(2);
        expect(r.output).toContain('3D000: database "otop_no_such_database" does not exist');
        expect(r.output).toContain('Check: the database named in DATABASE_URL does not exist: create it (createdb) or correct the name.');
        expect(r.output).not.toContain('Failed query');
      },
      60_000,
    );
  }
});
