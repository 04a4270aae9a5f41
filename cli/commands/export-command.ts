import { createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import { users } from '../../db/schema/index.ts';
import { CATEGORY_CODES } from '../../db/schema/products.ts';
import type { CategoryCode } from '../../domain/product-categories.ts';
import { normalizeUsername } from '../../api/auth/normalize-username.ts';
import { scopeFilter } from '../../api/auth/scope.ts';
import type { ExportDatasetName, ExportFilter } from '../../api/exports/export-dataset-definition.ts';
import { EXPORT_DATASET_NAMES } from '../../api/exports/export-datasets.ts';
import { EXPORT_FORMAT_NAMES, type ExportFormat } from '../../api/exports/export-formats.ts';
import { planExport } from '../../api/exports/plan-export.ts';
import { runExport } from '../../api/exports/run-export.ts';
import { ProblemError } from '../../api/http/problem.ts';
import type { Command } from '../command.ts';
import { withDatabase } from '../with-database.ts';

const USAGE = [
  `otop export <${EXPORT_DATASET_NAMES.join('|')}> --format <${EXPORT_FORMAT_NAMES.join('|')}> [--fy 2561] [--province 38] [--district 3801]`,
  `       [--category <${CATEGORY_CODES.join('|')}>] [--as <username>] [--output <file>]     (or > file)`,
  '',
  'Streams the dataset to stdout (or --output). --as exports what that account may see: a district',
  'officer their district, a province officer their province, analysts and the department the nation;',
  'without --as the export is national with citizen IDs masked (the analyst view). A province or district',
  'outside the scope is refused. Columns and how to read each format: docs/exports.md.',
].join('\n');

export const exportCommand: Command = {
  name: 'export',
  summary: 'Export a dataset (producers, products, registrations, progress) as Arrow, Parquet or CSV',
  usage: USAGE,
  async run(args, { config, stdout, stderr, isTTY }) {
    let parsed;
    try {
      parsed = parseArgs({
        args,
        allowPositionals: true,
        options: {
          format: { type: 'string' },
          fy: { type: 'string' },
          province: { type: 'string' },
          district: { type: 'string' },
          category: { type: 'string' },
          as: { type: 'string' },
          output: { type: 'string', short: 'o' },
        },
      });
    } catch (err) {
      stderr.write(`${err instanceof Error ? err.message : String(err)}\n\nUsage: ${USAGE}\n`);
      return 2;
    }
    const { values, positionals } = parsed;
    const dataset = positionals[0] as ExportDatasetName | undefined;
    const format = values.format as ExportFormat | undefined;
    const fy = values.fy === undefined ? undefined : Number(values.fy);
    const problems = [
      ...(!dataset || !EXPORT_DATASET_NAMES.includes(dataset) ? [`the dataset must be one of ${EXPORT_DATASET_NAMES.join(', ')}`] : []),
      ...(positionals.length > 1 ? [`one dataset at a time (got ${positionals.join(' ')})`] : []),
      ...(!format || !EXPORT_FORMAT_NAMES.includes(format) ? [`--format must be one of ${EXPORT_FORMAT_NAMES.join(', ')}`] : []),
      ...(fy !== undefined && !Number.isInteger(fy) ? ['--fy must be a Buddhist-Era year such as 2561'] : []),
      ...(values.category !== undefined && !(CATEGORY_CODES as readonly string[]).includes(values.category)
        ? [`--category must be one of ${CATEGORY_CODES.join(', ')}`]
        : []),
      ...(isTTY && !values.output && format !== 'csv' ? ['binary output to a terminal: redirect it (> file) or use --output'] : []),
    ];
    if (problems.length > 0) {
      stderr.write(`${problems.join('\n')}\n\nUsage: ${USAGE}\n`);
      return 2;
    }
    const filter: ExportFilter = {
      ...(fy !== undefined ? { fiscalYear: fy } : {}),
      ...(values.province !== undefined ? { provinceCode: values.province } : {}),
      ...(values.district !== undefined ? { districtCode: values.district } : {}),
      ...(values.category !== undefined ? { category: values.category as CategoryCode } : {}),
    };
    return withDatabase(config, async ({ db }) => {
      let scope = {};
      let citizenIds: 'full' | 'masked' = 'masked';
      if (values.as !== undefined) {
        const [user] = await db.select().from(users).where(eq(users.username, normalizeUsername(values.as))).limit(1);
        if (!user || user.disabled) {
          stderr.write(`No active account '${values.as}'. / ไม่พบบัญชีผู้ใช้ '${values.as}'\n`);
          return 1;
        }
        if (user.role === 'admin') {
          stderr.write('Administrator accounts see no registration data. / บัญชีผู้ดูแลระบบไม่เห็นข้อมูลการลงทะเบียน\n');
          return 1;
        }
        scope = scopeFilter(user);
        citizenIds = user.role === 'district' || user.role === 'province' ? 'full' : 'masked';
      }
      let plan;
      try {
        plan = await planExport(db, { dataset: dataset!, format: format!, filter, scope, citizenIds });
      } catch (err) {
        if (!(err instanceof ProblemError)) throw err;
        const p = err.problem;
        const details = (p.issues ?? []).map((i) => `\n  ${i.column}: ${i.message.en} / ${i.message.th}`).join('');
        stderr.write(`${p.title} / ${p.titleTh}${details}\n`);
        return 1;
      }
      const target = values.output ? createWriteStream(values.output) : stdout;
      const summary = await runExport(db, plan, target, { end: Boolean(values.output) });
      stderr.write(`${summary.rows} rows, ${summary.batches} batches, ${summary.bytes} bytes (${plan.fileName})\n`);
      return 0;
    });
  },
};
