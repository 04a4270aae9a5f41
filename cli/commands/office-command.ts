import { readFile } from 'node:fs/promises';
import { ProblemError } from '../../api/http/problem.ts';
import { setOfficeProfile } from '../../api/offices/set-office-profile.ts';
import { officeProfile } from '../../api/queries/office-profile.ts';
import { defineCommand, type Command } from '../command.ts';
import { COMMAND_HELP } from '../command-help.ts';
import { cliActor } from '../cli-actor.ts';
import { parseCommandArgs } from '../parse-command-args.ts';
import { withDatabase } from '../with-database.ts';

const USAGE = COMMAND_HELP['office'].usage;

export const officeCommand: Command = defineCommand('office', async (args, { config, stdout, stderr }) => {
  const { positionals, values } = parseCommandArgs({
    args,
    allowPositionals: true,
    options: {
      province: { type: 'string' },
      name: { type: 'string' },
      address: { type: 'string' },
      phone: { type: 'string' },
      email: { type: 'string' },
      signer: { type: 'string', multiple: true },
      emblem: { type: 'string' },
      'no-emblem': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      as: { type: 'string' },
    },
  });
  const action = positionals[0];
  const problems: string[] = [];
  if (action !== 'set' && action !== 'show') problems.push(`unknown action '${action ?? ''}'`);
  if (!values.province || !/^\d{2}$/.test(values.province)) problems.push('--province must be a 2-digit code');
  if (values.emblem !== undefined && values['no-emblem']) problems.push('--emblem and --no-emblem do not go together');
  if (problems.length > 0 || !values.province) {
    stderr.write(`${problems.join('\n')}\n\nUsage: ${USAGE}\n`);
    return 2;
  }
  const provinceCode = values.province;
  let emblem: Uint8Array | null | undefined = values['no-emblem'] ? null : undefined;
  if (action === 'set' && values.emblem !== undefined) {
    try {
      emblem = await readFile(values.emblem);
    } catch (err) {
      const why = (err as NodeJS.ErrnoException).code ?? 'error';
      stderr.write(`เปิดไฟล์ '${values.emblem}' ไม่ได้ (${why}) / Cannot open '${values.emblem}' (${why})\n`);
      return 2;
    }
  }
  return withDatabase({ config, stderr }, async ({ db }) => {
    if (action === 'show') {
      const p = await officeProfile(db, provinceCode);
      if (!p) {
        stderr.write(`ยังไม่ได้ตั้งค่าสำนักงานของจังหวัด ${provinceCode} / No office is set for province ${provinceCode}\n`);
        return 1;
      }
      const emblemText = p.emblem ? `${p.emblem.type} ${p.emblem.width}×${p.emblem.height} (${p.emblem.bytes.length} bytes)` : null;
      if (values.json) {
        stdout.write(`${JSON.stringify({ provinceCode, name: p.nameTh, address: p.address, phone: p.phone, email: p.email, signer: p.signerPosition, emblem: emblemText, updatedAt: p.updatedAt, updatedBy: p.updatedByUsername }, null, 2)}\n`);
      } else {
        const signer = p.signerPosition ? p.signerPosition.split('\n').join(' / ') : 'ค่าเริ่มต้นของจังหวัด / the province default';
        stdout.write(`${p.nameTh}\n${p.address}\nโทร. ${p.phone}\n${p.email}\nผู้ลงนาม / signer: ${signer}\nตราสัญลักษณ์ / emblem: ${emblemText ?? '-'}\n`);
      }
      return 0;
    }
    const who = await cliActor(db, values.as);
    if (!who.ok) {
      stderr.write(`${who.message}\n`);
      return 2;
    }
    try {
      const saved = await setOfficeProfile(
        db,
        { provinceCode, nameTh: values.name ?? '', address: values.address ?? '', phone: values.phone ?? '', email: values.email ?? '', signerPosition: values.signer?.join('\n') ?? null, emblem },
        { actor: { id: who.actor.id, username: who.actor.username }, now: new Date() },
      );
      stdout.write(`Saved the office of province ${provinceCode}: ${saved.nameTh}${saved.emblem ? ` (emblem ${saved.emblem.type} ${saved.emblem.width}×${saved.emblem.height})` : ''}.\n`);
      return 0;
    } catch (caught) {
      if (!(caught instanceof ProblemError)) throw caught;
      const p = caught.problem;
      stderr.write(`${p.title} / ${p.titleTh}\n`);
      for (const i of p.issues ?? []) stderr.write(`  --${i.column}: ${i.message.en} / ${i.message.th}\n`);
      if (p.status === 404) stderr.write(`  (no province ${provinceCode} in the database)\n`);
      return 1;
    }
  });
});
