import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../api/config.ts';
import { loadCommand } from '../../cli/commands/load-command.ts';

// `otop load /dev/zero` used to hang for ever: the pipeline hashes a path, then reads it again,
// and a device or pipe never ends (nor can it be read twice). Such inputs now meet the upload
// limit (UPLOAD_LIMIT_MB) and are refused within seconds, exit code 2, before any database opens.
describe('otop load: a pipe, FIFO, device or stdin meets the upload limit', () => {
  let dir: string;
  let dataDir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'otop-non-regular-'));
    dataDir = join(dir, 'pglite');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = async (file: string, stdin: NodeJS.ReadableStream = new PassThrough()) => {
    const config = loadConfig({ UPLOAD_LIMIT_MB: '1', DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    let out = '';
    let err = '';
    const sink = (append: (s: string) => void) => new (class extends PassThrough {
      override write(chunk: unknown): boolean {
        append(String(chunk));
        return true;
      }
    })();
    const started = performance.now();
    const code = await loadCommand.run([file, '--district', '3801', '--round', '2561-Q1', '--dry-run'], {
      config,
      stdout: sink((s) => (out += s)),
      stderr: sink((s) => (err += s)),
      stdin,
      isTTY: false,
    });
    return { code, out, err, ms: performance.now() - started };
  };
  const REFUSED = /^.+: ไฟล์มีขนาดใหญ่เกินกำหนด: .+ \/ The file is larger than allowed: the input, a pipe or device rather than a regular file, runs past 1 MB, the upload limit\n$/;

  it('refuses /dev/zero within seconds, exit code 2, opening no database', async () => {
    const r = await run('/dev/zero');
    expect(r).toMatchObject({ code: 2, out: '' });
    expect(r.err).toMatch(REFUSED);
    expect(r.ms).toBeLessThan(5000);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('refuses a never-ending stdin (-)', async () => {
    const forever = Readable.from((function* () {
      for (;;) yield Buffer.alloc(64 * 1024, 'y\n');
    })());
    const r = await run('-', forever);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(REFUSED);
    expect(r.ms).toBeLessThan(5000);
  });

  it('refuses a FIFO whose writer never stops', async () => {
    const fifo = join(dir, 'endless.fifo');
    execFileSync('mkfifo', [fifo]);
    const writer = createWriteStream(fifo);
    const chunk = Buffer.alloc(64 * 1024, 'ข้อมูล,');
    let stopped = false;
    const pump = () => {
      while (!stopped && writer.write(chunk));
    };
    writer.on('drain', pump);
    writer.on('open', pump);
    const writerEnded = new Promise<void>((resolve) => writer.on('error', () => resolve()).on('close', () => resolve()));
    const r = await run(fifo);
    stopped = true;
    writer.destroy();
    await writerEnded;
    expect(r.code).toBe(2);
    expect(r.err).toMatch(REFUSED);
    expect(r.ms).toBeLessThan(5000);
  });

  it('reads a FIFO within the limit and hands it to the pipeline (which refuses the round this empty database lacks)', async () => {
    const fifo = join(dir, 'small.fifo');
    execFileSync('mkfifo', [fifo]);
    const writer = createWriteStream(fifo);
    const content = 'ชื่อผู้ผลิต,เลขประจำตัวประชาชน\nก,1\n';
    writer.end(content);
    const r = await run(fifo);
    // Only the line saying which database the load opened.
    expect(r.err).toBe(`database: embedded ${dataDir}\n`);
    // The submission's SHA-256 is that of exactly the bytes written into the FIFO.
    expect(r.out).toContain(`sha256 ${createHash('sha256').update(content).digest('hex').slice(0, 16)}…`);
    expect(r.out).toContain('Dry run of small.fifo');
    expect(r.out).toContain('The registration round does not exist');
    expect(r.code).toBe(2);
  });
});
