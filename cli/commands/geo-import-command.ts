import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { defineCommand, type Command } from '../command.ts';
import { COMMAND_HELP } from '../command-help.ts';
import { parseCommandArgs } from '../parse-command-args.ts';
import { cliActor } from '../cli-actor.ts';
import { withDatabase } from '../with-database.ts';
import { importGeography, SyntheticGeographyRefusedError } from '../../pipeline/import-geography.ts';

const USAGE = COMMAND_HELP['geo'].usage;

export const geoCommand: Command = defineCommand('geo', async (args, io) => {
    if (args[0] === 'boundaries') return (await import('./geo-boundaries-command.ts')).geoBoundaries(args.slice(1), io);
    const { config, stdout, stderr } = io;
    const { positionals, values } = parseCommandArgs({
      args,
      allowPositionals: true,
      options: {
        provinces: { type: 'string' },
        districts: { type: 'string' },
        subdistricts: { type: 'string' },
        dir: { type: 'string' },
        overwrite: { type: 'boolean', default: false },
        force: { type: 'boolean', default: false },
        synthetic: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        as: { type: 'string' },
      },
    });
    const paths = {
      provinces: values.provinces ?? (values.dir ? join(values.dir, 'provinces.json') : undefined),
      districts: values.districts ?? (values.dir ? join(values.dir, 'districts.json') : undefined),
      subdistricts: values.subdistricts ?? (values.dir ? join(values.dir, 'subdistricts.json') : undefined),
    };
    if (positionals[0] === 'remove') {
      if (!values.synthetic) {
        stderr.write(`geo remove removes only generated geography: add --synthetic.\n\nUsage: ${USAGE}\n`);
        return 2;
      }
      return withDatabase({ config, stderr }, async ({ db }) => {
        const who = await cliActor(db, values.as);
        if (!who.ok) {
          stderr.write(`${who.message}\n`);
          return 2;
        }
        const { removeSyntheticGeography } = await import('../../pipeline/remove-synthetic-geography.ts');
        const r = await removeSyntheticGeography(db, { actor: who.actor });
        if (!r.removed) {
          const u = r.use;
          stderr.write(
            `Nothing removed: synthetic geography is still in use — ${u.producers} producers, ${u.registrations} registrations, ` +
              `${u.accounts} accounts, ${u.targets} plan targets (districts ${u.districts.join(', ')}). Remove those first. / ` +
              `ไม่ได้ลบ: ยังมีข้อมูลอ้างถึงพื้นที่สมมุติ (ผู้ผลิต ${u.producers} ราย การลงทะเบียน ${u.registrations} รายการ ` +
              `บัญชี ${u.accounts} บัญชี เป้าหมาย ${u.targets} รายการ)\n`,
          );
          return 1;
        }
        stdout.write(`removed ${r.provinces} provinces, ${r.districts} districts, ${r.subdistricts} subdistricts marked synthetic\n`);
        return 0;
      });
    }
    if (positionals[0] !== 'import' || !paths.provinces || !paths.districts || !paths.subdistricts) {
      stderr.write(`Usage: ${USAGE}\n`);
      return 2;
    }
    const files = { provinces: [] as unknown[], districts: [] as unknown[], subdistricts: [] as unknown[] };
    const sources: Array<{ fileName: string; sha256: string }> = [];
    for (const key of ['provinces', 'districts', 'subdistricts'] as const) {
      try {
        const bytes = await readFile(paths[key]!);
        sources.push({ fileName: basename(paths[key]!), sha256: createHash('sha256').update(bytes).digest('hex') });
        const parsed: unknown = JSON.parse(bytes.toString('utf8'));
        if (!Array.isArray(parsed)) throw new Error('not a JSON array');
        files[key] = parsed;
      } catch (err) {
        stderr.write(`${paths[key]}: ${err instanceof Error ? err.message : String(err)}\n`);
        return 2;
      }
    }
    const result = await withDatabase({ config, stderr }, async ({ db }) => {
      const who = await cliActor(db, values.as);
      if (!who.ok) return who.message;
      try {
        return await importGeography(db, files, { overwrite: values.overwrite, force: values.force, actor: who.actor, source: { files: sources } });
      } catch (err) {
        if (err instanceof SyntheticGeographyRefusedError) return err.message;
        throw err;
      }
    });
    if (typeof result === 'string') {
      stderr.write(`${result}\n`);
      return 2;
    }
    if (values.json) {
      stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    } else {
      for (const key of ['provinces', 'districts', 'subdistricts'] as const) {
        const t = result[key];
        stdout.write(`${key.padEnd(12)} read ${t.read}, inserted ${t.inserted}, renamed ${t.renamed}, kept ${t.kept}, skipped ${t.skipped}\n`);
      }
      for (const p of result.problems.slice(0, 30)) stdout.write(`  skipped ${p.file} #${p.index}${p.code ? ` (${p.code})` : ''}: ${p.message}\n`);
      if (result.problems.length > 30) stdout.write(`  … ${result.problems.length - 30} more (--json)\n`);
    }
    return result.problems.length > 0 ? 1 : 0;
});
