import { spawn } from 'node:child_process';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TEST_DATABASE_URL } from '../support/test-db.ts';
import { freePort } from '../../testkit/server-process.ts';

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

    it(`${name}, a DATABASE_URL the driver cannot read (port out of range, a bare % in the password): exit 2 naming the variable, the password not echoed`, async () => {
      for (const url of ['postgres://postgres@127.0.0.1:99999/otop', 'postgres://otop:s3cr%t@127.0.0.1:5432/otop']) {
        const r = await run([...script], url);
        expect(r.code).toBe(2);
        expect(r.output).toContain('DATABASE_URL: is not a readable URL: check the port (1–65535) and percent-encode');
        expect(r.output).not.toContain('Invalid URL');
        expect(r.output).not.toContain('URI malformed');
        expect(r.output).not.toContain('s3cr');
      }
    }, 60_000);

    it(`${name}, an HTTP server at the port (postgres.js would reconnect to it for ever): exit 2 within the handshake deadline, saying what to check`, async () => {
      const server: Server = createServer((s) => {
        // The client resets the connection when it gives up; unhandled, that reset would end the test process.
        s.on('error', () => {});
        s.once('data', () => s.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n'));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      try {
        const started = Date.now();
        const r = await run([...script], `postgres://postgres@127.0.0.1:${port}/otop`);
        expect(r.code).toBe(2);
        // 15 s of handshake plus the process's start-up, which a busy 2-core machine can triple.
        expect(Date.now() - started).toBeLessThan(55_000);
        expect(r.output).toContain('NO_POSTGRES_ANSWER: no PostgreSQL answered within 15 s');
        expect(r.output).toContain('does not answer as PostgreSQL: check the port (5432 by default)');
        expect(r.output).toContain('ตรวจสอบ: มีบริการที่โฮสต์และพอร์ตใน DATABASE_URL');
      } finally {
        server.close();
      }
    }, 90_000);

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
