import { createWriteStream } from 'node:fs';
import { eq } from 'drizzle-orm';
import { districts, provinces, users } from '../../db/schema/index.ts';
import { CATEGORY_CODES } from '../../domain/product-categories.ts';
import type { CategoryCode } from '../../domain/product-categories.ts';
import { normalizeUsername } from '../../api/auth/normalize-username.ts';
import { citizenIdVisibility, type CitizenIdMode } from '../../api/auth/citizen-id-visibility.ts';
import { scopeFilter } from '../../api/auth/scope.ts';
import type { ExportDatasetName, ExportFilter } from '../../api/exports/export-dataset-definition.ts';
import { EXPORT_DATASET_NAMES, EXPORT_DATASETS } from '../../api/exports/export-datasets.ts';
import {
  isEmptyDirectory, PARTITION_COLUMNS, partitionColumnsOf, runPartitionedExport, type PartitionColumn,
} from '../../api/exports/run-partitioned-export.ts';
import { EXPORT_FORMAT_NAMES, type ExportFormat } from '../../api/exports/export-formats.ts';
import { planExport } from '../../api/exports/plan-export.ts';
import { runExport } from '../../api/exports/run-export.ts';
import { DomainError } from '../../api/domain-error.ts';
import { domainProblem } from '../../api/http/domain-problem.ts';
import { defineCommand, type Command } from '../command.ts';
import { COMMAND_HELP } from '../command-help.ts';
import { parseCommandArgs } from '../parse-command-args.ts';
import { withDatabase } from '../with-database.ts';

const USAGE = COMMAND_HELP['export'].usage;

export const exportCommand: Command = defineCommand('export', async (args, { config, stdout, stderr, isTTY }) => {
    let parsed;
    try {
      parsed = parseCommandArgs({
        args,
        allowPositionals: true,
        options: {
          format: { type: 'string' },
          fy: { type: 'string' },
          province: { type: 'string' },
          district: { type: 'string' },
          category: { type: 'string' },
          as: { type: 'string' },
          out: { type: 'string', short: 'o' },
          'partition-by': { type: 'string' },
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
    const partitionBy = values['partition-by'] === undefined ? undefined : values['partition-by'].split(',').map((c) => c.trim());
    const partitionable = dataset && EXPORT_DATASET_NAMES.includes(dataset) ? partitionColumnsOf(EXPORT_DATASETS[dataset]) : [...PARTITION_COLUMNS];
    const problems = [
      ...(!dataset || !EXPORT_DATASET_NAMES.includes(dataset) ? [`the dataset must be one of ${EXPORT_DATASET_NAMES.join(', ')}`] : []),
      ...(positionals.length > 1 ? [`one dataset at a time (got ${positionals.join(' ')})`] : []),
      ...(!format || !EXPORT_FORMAT_NAMES.includes(format) ? [`--format must be one of ${EXPORT_FORMAT_NAMES.join(', ')}`] : []),
      ...(fy !== undefined && !Number.isInteger(fy) ? ['--fy must be a Buddhist-Era year such as 2561'] : []),
      ...(values.category !== undefined && !(CATEGORY_CODES as readonly string[]).includes(values.category)
        ? [`--category must be one of ${CATEGORY_CODES.join(', ')}`]
        : []),
      ...(isTTY && !values.out && format !== 'csv' && !partitionBy ? ['binary output to a terminal: redirect it (> file) or use --out'] : []),
      ...(partitionBy && partitionBy.some((c) => !(partitionable as string[]).includes(c))
        ? [`--partition-by takes ${partitionable.join(', ')} (comma-separated) for ${dataset ?? 'this dataset'}`]
        : []),
      ...(partitionBy && format !== 'parquet' ? ['--partition-by writes Parquet: use --format parquet'] : []),
      ...(partitionBy && !values.out ? ['--partition-by needs --out <directory>'] : []),
    ];
    if (problems.length > 0) {
      stderr.write(`${problems.join('\n')}\n\nUsage: ${USAGE}\n`);
      return 2;
    }
    if (partitionBy && !(await isEmptyDirectory(values.out!))) {
      stderr.write(`${values.out} is not empty: a partitioned export is written into a new or empty directory. / ${values.out} มีไฟล์อยู่แล้ว ใช้ไดเรกทอรีใหม่หรือที่ว่าง\n`);
      return 2;
    }
    const filter: ExportFilter = {
      ...(fy !== undefined ? { fiscalYear: fy } : {}),
      ...(values.province !== undefined ? { provinceCode: values.province } : {}),
      ...(values.district !== undefined ? { districtCode: values.district } : {}),
      ...(values.category !== undefined ? { category: values.category as CategoryCode } : {}),
    };
    return withDatabase({ config, stderr }, async ({ db }) => {
      let scope = {};
      let citizenIds: CitizenIdMode = 'masked';
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
        citizenIds = citizenIdVisibility(user);
      }
      let plan;
      try {
        plan = await planExport(db, { dataset: dataset!, format: format!, filter, scope, citizenIds });
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        const p = domainProblem(err).problem;
        if (p.status === 404) {
          // A province or district outside the account's area, or one that does not exist: say which ones it can take.
          const area = scope as { provinceCode?: string; districtCode?: string };
          const provinceCodes = area.provinceCode
            ? [area.provinceCode]
            : (await db.select({ code: provinces.code }).from(provinces).orderBy(provinces.code)).map((r) => r.code);
          const districtCodes = area.districtCode
            ? [area.districtCode]
            : area.provinceCode
              ? (await db.select({ code: districts.code }).from(districts).where(eq(districts.provinceCode, area.provinceCode)).orderBy(districts.code)).map((r) => r.code)
              : null;
          const who = values.as !== undefined ? `'${values.as}'` : 'a national export';
          const asked = [values.province !== undefined ? `--province ${values.province}` : '', values.district !== undefined ? `--district ${values.district}` : '']
            .filter(Boolean).join(' ');
          stderr.write(
            `${asked} is not an area ${who} can export (it does not exist, or lies outside the account's area). ` +
              `/ ไม่พบพื้นที่นี้ หรืออยู่นอกพื้นที่ที่บัญชีนี้ส่งออกได้\n` +
              `  --province: ${provinceCodes.join(', ') || '(none)'}\n` +
              `  --district: ${districtCodes ? districtCodes.join(', ') : 'a 4-digit district code of one of those provinces (its first two digits)'}\n`,
          );
          return 1;
        }
        const details = (p.issues ?? []).map((i) => `\n  ${i.column}: ${i.message.en} / ${i.message.th}`).join('');
        stderr.write(`${p.title} / ${p.titleTh}${details}\n`);
        return 1;
      }
      if (partitionBy) {
        const dir = values.out!;
        const result = await runPartitionedExport(db, plan, partitionBy as PartitionColumn[], dir);
        stderr.write(`${result.rows} rows in ${result.partitions.length} partitions, ${result.bytes} bytes (${dir}/${partitionBy.map((c) => `${c}=…`).join('/')}/part-0.parquet)\n`);
        return 0;
      }
      const target = values.out ? createWriteStream(values.out) : stdout;
      const summary = await runExport(db, plan, target, { end: Boolean(values.out) });
      stderr.write(`${summary.rows} rows, ${summary.batches} batches, ${summary.bytes} bytes (${plan.fileName})\n`);
      return 0;
    });
});
