import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { CommandContext } from '../command.ts';
import { COMMAND_HELP } from '../command-help.ts';
import { parseCommandArgs } from '../parse-command-args.ts';
import { cliActor } from '../cli-actor.ts';
import { withDatabase } from '../with-database.ts';
import { importBoundaries, type BoundaryFiles } from '../../pipeline/import-boundaries.ts';

/** National district outlines are about 1 MB; anything past this is not a boundary file. */
const MAX_FILE_BYTES = 64 * 1024 * 1024;

async function readGeoJson(path: string): Promise<{ data: unknown; source: string } | string> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return `${path}: not a regular file / ไม่ใช่ไฟล์`;
    if (info.size > MAX_FILE_BYTES) return `${path}: ${Math.round(info.size / 1048576)} MB is more than a boundary file can be (64 MB) / ไฟล์ใหญ่เกินไป`;
    const bytes = await readFile(path);
    const sha = createHash('sha256').update(bytes).digest('hex');
    return { data: JSON.parse(bytes.toString('utf8')) as unknown, source: `${basename(path)} sha256:${sha.slice(0, 16)}` };
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ENOENT') return `${path}: no such file / ไม่พบไฟล์`;
    return `${path}: ${e instanceof SyntaxError ? `not JSON (${e.message}) / ไม่ใช่ JSON` : e.message}`;
  }
}

/** `otop geo boundaries import --districts f --provinces f`: outlines for the maps. */
export async function geoBoundaries(args: string[], { config, stdout, stderr }: CommandContext): Promise<number> {
  const usage = COMMAND_HELP['geo'].usage;
  const { positionals, values } = parseCommandArgs({
    args,
    allowPositionals: true,
    options: {
      districts: { type: 'string' },
      provinces: { type: 'string' },
      json: { type: 'boolean', default: false },
      as: { type: 'string' },
    },
  });
  if (positionals[0] !== 'import' || (!values.districts && !values.provinces)) {
    stderr.write(`Give --districts and/or --provinces (GeoJSON files).\n\nUsage: ${usage}\n`);
    return 2;
  }
  const files: BoundaryFiles = {};
  for (const key of ['districts', 'provinces'] as const) {
    const path = values[key];
    if (!path) continue;
    const read = await readGeoJson(path);
    if (typeof read === 'string') {
      stderr.write(`${read}\n`);
      return 2;
    }
    files[key] = read;
  }
  const result = await withDatabase({ config, stderr }, async ({ db }) => {
    const who = await cliActor(db, values.as);
    if (!who.ok) return who.message;
    return importBoundaries(db, files, { actor: who.actor });
  });
  if (typeof result === 'string') {
    stderr.write(`${result}\n`);
    return 2;
  }
  if (values.json) {
    stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } else {
    for (const key of ['provinces', 'districts'] as const) {
      const t = result[key];
      if (t) stdout.write(`${key.padEnd(10)} read ${t.read}, inserted ${t.inserted}, replaced ${t.replaced}, unchanged ${t.unchanged}, no such area in the database ${t.notInDatabase}\n`);
    }
    const list = (items: Array<{ code: string; nameTh: string | null }>) =>
      items.slice(0, 20).map((a) => `${a.code}${a.nameTh ? ` ${a.nameTh}` : ''}`).join(', ') + (items.length > 20 ? `, … ${items.length - 20} more (--json)` : '');
    if (result.withoutBoundary.length > 0) {
      stdout.write(`No outline for ${result.withoutBoundary.length} area(s) of the database (maps list them beside the map): ${list(result.withoutBoundary)}\n`);
    }
    if (result.withoutArea.length > 0) {
      stdout.write(`Not imported, no such area in the database: ${result.withoutArea.length} outline(s): ${list(result.withoutArea)}\n`);
    }
    for (const p of result.problems.slice(0, 30)) stdout.write(`  skipped ${p.file} #${p.index}${p.code ? ` (${p.code})` : ''}: ${p.message.en} / ${p.message.th}\n`);
  }
  return result.problems.length > 0 ? 1 : 0;
}
