import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../api/config.ts';
import { loadCommand } from '../../cli/commands/load-command.ts';
import { createDb } from '../../db/create-db.ts';
import { migrate } from '../../db/migrate.ts';
import { seedReference } from '../../pipeline/seed/seed-reference.ts';
import { BASE_ROWS, HEADER_VARIANTS, variantBytes } from '../pipeline/header-corpus.ts';

// `otop load --map "title=column"`: an office's own title the system is not sure of is mapped
// on the command line, the mapping used is printed, and the district's next file maps itself.
describe('otop load --map (embedded database)', () => {
  let dir: string;
  const unsure = HEADER_VARIANTS.find((v) => v.name.includes('"ชื่อ" alone'))!;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'otop-load-map-'));
    const handle = await createDb({ dataDir: join(dir, 'pglite') });
    await migrate(handle.db);
    await seedReference(handle.db);
    await handle.close();
    writeFileSync(join(dir, 'own-titles.csv'), await variantBytes(unsure));
    writeFileSync(join(dir, 'next-file.csv'), await variantBytes(unsure, BASE_ROWS.map((r) => ({ ...r, product_name: `${r.product_name} ใหม่` }))));
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = async (args: string[]) => {
    const config = loadConfig({ DATA_DIR: join(dir, 'pglite'), LOG_LEVEL: 'silent' });
    let out = '';
    let err = '';
    const sink = (append: (s: string) => void) => new (class extends PassThrough {
      override write(chunk: unknown): boolean {
        append(String(chunk));
        return true;
      }
    })();
    const code = await loadCommand.run(args, { config, stdout: sink((s) => (out += s)), stderr: sink((s) => (err += s)), stdin: new PassThrough(), isTTY: false });
    return { code, out, err };
  };
  const file = (name: string) => join(dir, name);

  it('without --map: refused (exit 2), the mapping printed with candidates and the --map to give', async () => {
    const r = await run([file('own-titles.csv'), '--district', '3801', '--round', '2561-Q1', '--dry-run']);
    expect(r.code).toBe(2);
    expect(r.out).toContain('  header row 1; mapping: recognised');
    expect(r.out).toMatch(/ {4}A "ชื่อ" → — not loaded \(unknown\); may be producer_name \d+%/);
    expect(r.out).toContain('    B "เลขประจำตัวประชาชน" → citizen_id (recognised)');
    expect(r.out).toContain('mapping needed / ต้องจับคู่คอลัมน์: e.g. --map "ชื่อ=producer_name"');
  });

  it('a wrong --map is refused before any database work, naming the columns it takes', async () => {
    const r = await run([file('own-titles.csv'), '--district', '3801', '--round', '2561-Q1', '--map', 'ชื่อ=ชื่อเล่น', '--map', 'no-equals-sign']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--map "ชื่อ=ชื่อเล่น": ไม่รู้จักคอลัมน์ "ชื่อเล่น" / unknown column "ชื่อเล่น"');
    expect(r.err).toContain('--map "no-equals-sign": ต้องเป็น "หัวคอลัมน์=คอลัมน์" / must be "title=column"');
    expect(r.err).toContain('producer_name, citizen_id');
  });

  it('with --map (a key or the Thai name): loads, prints the mapping it used; the next file maps itself', async () => {
    const r = await run([file('own-titles.csv'), '--district', '3801', '--round', '2561-Q1', '--map', 'ชื่อ = ชื่อผู้ผลิต']);
    expect(r.err).toBe('database: embedded ' + join(dir, 'pglite') + '\n');
    expect(r.code).toBe(0);
    expect(r.out).toContain(': LOADED');
    expect(r.out).toContain('  header row 1; mapping: with your --map');
    expect(r.out).toContain('    A "ชื่อ" → producer_name (your --map)');
    const next = await run([file('next-file.csv'), '--district', '3801', '--round', '2561-Q1', '--dry-run']);
    expect(next.code).toBe(0);
    expect(next.out).toContain("  header row 1; mapping: the district's remembered mapping");
    expect(next.out).toContain('    A "ชื่อ" → producer_name (the district\'s remembered mapping)');
  });
});
