import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { defineCommand, type Command } from '../command.ts';
import { COMMAND_HELP } from '../command-help.ts';
import { parseCommandArgs } from '../parse-command-args.ts';
import { cliActor } from '../cli-actor.ts';
import { withDatabase } from '../with-database.ts';
import { readPlanCsv } from '../../pipeline/read-plan-csv.ts';
import { loadPlan } from '../../pipeline/load-plan.ts';
import { validatePlan } from '../../domain/plan.ts';

const USAGE = COMMAND_HELP['plan'].usage;

/** Why a `plan load` loaded nothing, and what to do: warnings alone are what --accept-warnings is for. */
function notLoadedWhy(errors: number, warnings: number, accepted: boolean): string {
  if (errors > 0) return ' Correct the errors above first. / แก้ข้อผิดพลาดข้างต้นก่อน';
  if (warnings > 0 && !accepted) {
    return ' The plan has warnings only: check them, then run again with --accept-warnings to load it. / แผนมีเพียงคำเตือน: ตรวจสอบแล้วสั่งใหม่พร้อม --accept-warnings';
  }
  return '';
}

export const planCommand: Command = defineCommand('plan', async (args, { config, stdout, stderr }) => {
    const { positionals, values } = parseCommandArgs({
      args,
      allowPositionals: true,
      options: { 'accept-warnings': { type: 'boolean', default: false }, json: { type: 'boolean', default: false }, as: { type: 'string' } },
    });
    const [action, file] = positionals;
    if ((action !== 'check' && action !== 'load') || !file) {
      stderr.write(`Usage: ${USAGE}\n`);
      return 2;
    }
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (err) {
      const why = (err as NodeJS.ErrnoException).code ?? 'error';
      stderr.write(`เปิดไฟล์ '${file}' ไม่ได้ (${why}) / Cannot open '${file}' (${why})\n`);
      return 2;
    }
    const { windows, problems } = readPlanCsv(bytes.toString('utf8'));
    const issues = validatePlan(windows);
    const errors = problems.length + issues.filter((i) => i.severity === 'error').length;
    const warnings = issues.filter((i) => i.severity === 'warning').length;
    let loaded = false;
    if (action === 'load' && problems.length === 0) {
      const refused = await withDatabase({ config, stderr }, async ({ db }) => {
        const who = await cliActor(db, values.as);
        if (!who.ok) return who.message;
        const source = { fileName: basename(file), sha256: createHash('sha256').update(bytes).digest('hex') };
        loaded = (await loadPlan(db, windows, { acceptWarnings: values['accept-warnings'], actor: who.actor, source })).loaded;
        return null;
      });
      if (refused) {
        stderr.write(`${refused}\n`);
        return 2;
      }
    }
    if (values.json) {
      stdout.write(`${JSON.stringify({ windows: windows.length, loaded, problems, issues }, null, 2)}\n`);
    } else {
      for (const p of problems) stdout.write(`row ${p.row}, ${p.column} "${p.value}": ${p.message.th} / ${p.message.en}\n`);
      for (const i of issues) stdout.write(`${i.severity.toUpperCase()} ${i.code}: ${i.message.th} / ${i.message.en}\n`);
      stdout.write(
        `${windows.length} windows read; ${errors} errors, ${warnings} warnings.` +
          (action === 'load' ? (loaded ? ' Plan loaded.\n' : ` Nothing loaded.${notLoadedWhy(errors, warnings, values['accept-warnings'])}\n`) : '\n'),
      );
    }
    if (action === 'load') return loaded ? 0 : 1;
    return errors > 0 ? 1 : 0;
});
