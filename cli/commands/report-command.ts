import { writeFile } from 'node:fs/promises';
import type { SessionUser } from '../../api/auth/session-user.ts';
import { DomainError } from '../../api/domain-error.ts';
import { domainProblem } from '../../api/http/domain-problem.ts';
import { documentProblem } from '../../api/http/document-problem.ts';
import { DocumentRefusal } from '../../api/reports/documents/document-refusal.ts';
import { REPORT_SLUGS, type ReportParams, type ReportSlug } from '../../api/reports/documents/report-document.ts';
import { reportPdf } from '../../api/reports/documents/report-pdf.ts';
import { letterZip } from '../../api/reports/documents/letter-zip.ts';
import { defineCommand, type Command } from '../command.ts';
import { COMMAND_HELP } from '../command-help.ts';
import { parseCommandArgs } from '../parse-command-args.ts';
import { withDatabase } from '../with-database.ts';

/** Who the command line is: a national reader, like the department. */
const CLI_USER: SessionUser = {
  id: '00000000-0000-0000-0000-000000000000',
  username: 'otop-cli',
  role: 'department',
  provinceCode: null,
  districtCode: null,
  displayName: 'otop report',
  mustChangePassword: false,
};

const USAGE = COMMAND_HELP['report'].usage;

export const reportCommand: Command = defineCommand('report', async (args, { config, stdout, stderr }) => {
    const { positionals, values } = parseCommandArgs({
      args,
      allowPositionals: true,
      options: {
        fy: { type: 'string' },
        round: { type: 'string' },
        province: { type: 'string' },
        district: { type: 'string' },
        detail: { type: 'string' },
        digits: { type: 'string' },
        out: { type: 'string' },
      },
    });
    const slug = positionals[0] as ReportSlug | undefined;
    const problems: string[] = [];
    if (!slug || !(REPORT_SLUGS as readonly string[]).includes(slug)) problems.push(`unknown document '${slug ?? ''}'`);
    if (!values.out) problems.push('--out is required');
    if (values.fy !== undefined && !/^\d{4}$/.test(values.fy)) problems.push('--fy must be a Buddhist-Era year (2561)');
    if (values.round !== undefined && !/^\d{4}-Q[1-4]$/.test(values.round)) problems.push("--round must look like '2561-Q1'");
    if (values.province !== undefined && !/^\d{2}$/.test(values.province)) problems.push('--province must be a 2-digit code');
    if (values.district !== undefined && !/^\d{4}$/.test(values.district)) problems.push('--district must be a 4-digit code');
    if (values.detail !== undefined && values.detail !== 'district' && values.detail !== 'province') problems.push('--detail must be district or province');
    if (values.digits !== undefined && values.digits !== 'thai' && values.digits !== 'ascii') problems.push('--digits must be thai or ascii');
    if (problems.length > 0 || !slug || !values.out) {
      stderr.write(`${problems.join('\n')}\n\nUsage: ${USAGE}\n`);
      return 2;
    }
    const params: ReportParams = {
      fiscalYear: values.fy === undefined ? undefined : Number(values.fy),
      roundCode: values.round,
      provinceCode: values.province,
      districtCode: values.district,
      detail: values.detail as ReportParams['detail'],
      digits: values.digits as ReportParams['digits'],
    };
    const out = values.out;
    return withDatabase({ config, stderr }, async ({ db }) => {
      try {
        if (slug === 'letter' && out.toLowerCase().endsWith('.zip')) {
          const { zip, files } = await letterZip(db, params, CLI_USER, new Date());
          await writeFile(out, zip);
          stdout.write(`Wrote ${out} (${zip.length.toLocaleString('en-US')} bytes): ${files.map((f) => f.fileName).join(', ')}.\n`);
          return 0;
        }
        const { pdf } = await reportPdf(db, slug, params, CLI_USER, new Date());
        await writeFile(out, pdf);
        stdout.write(`Wrote ${out} (${pdf.length.toLocaleString('en-US')} bytes).\n`);
        return 0;
      } catch (caught) {
        const refused = caught instanceof DocumentRefusal ? documentProblem(caught) : caught instanceof DomainError ? domainProblem(caught) : null;
        if (!refused) throw caught;
        const p = refused.problem;
        stderr.write(`${p.title} / ${p.titleTh}${p.detail ? `: ${p.detail}` : ''}\n`);
        for (const i of p.issues ?? []) stderr.write(`  ${i.column ?? ''}: ${i.message.en} / ${i.message.th}\n`);
        if (p.status === 404) stderr.write('  (no such fiscal year, round, province or district in the database)\n');
        return 1;
      }
    });
});
