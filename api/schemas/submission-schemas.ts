import { z } from '@hono/zod-openapi';
import { SUBMISSION_STATUSES } from '../../db/schema/index.ts';
import { REGISTRATION_COLUMNS, type ColumnKey } from '../../domain/columns.ts';
import { DistrictCode, IssueSchema, PageQuery, ProvinceCode, RoundCode, pageSchema } from '../http/openapi-common.ts';

const Status = z.enum(SUBMISSION_STATUSES);

const ColumnKeySchema = z.enum(REGISTRATION_COLUMNS.map((c) => c.key) as [ColumnKey, ...ColumnKey[]]);

/** The header step of a file's report (pipeline/map-headers.ts HeaderReport). */
export const HeaderMappingSchema = z
  .object({
    headerRow: z.number().int(),
    signature: z.string(),
    source: z.enum(['recognised', 'explicit', 'remembered']),
    columns: z.array(
      z.object({
        index: z.number().int(),
        letter: z.string(),
        header: z.string(),
        key: ColumnKeySchema.nullable(),
        via: z.enum(['name', 'alternatives', 'explicit', 'remembered']).nullable(),
        ignored: z.enum(['blank', 'running-number', 'unknown', 'chosen', 'duplicate']).nullable(),
        candidates: z.array(z.object({ key: ColumnKeySchema, confidence: z.number() })),
        samples: z.array(z.string()).optional().openapi({ description: 'A few values of the column: only in the answer to a dry run' }),
      }),
    ),
    missing: z.array(ColumnKeySchema),
    needsMapping: z.boolean(),
    notices: z.array(z.object({ th: z.string(), en: z.string() })),
  })
  .openapi('HeaderMapping', { description: 'How the file’s titles were mapped to columns; what a person should map (needsMapping)' });

export const SubmissionReportSchema = z
  .object({
    submissionId: z.string(),
    kind: z.enum(['file', 'form']),
    status: Status,
    dryRun: z.boolean(),
    fileName: z.string().nullable(),
    districtCode: z.string().openapi({ description: "The target: a district, a province ('38') or 'all'" }),
    provinceCode: z.string().nullable(),
    roundCode: z.string(),
    rowsRead: z.number().int(),
    accepted: z.object({ total: z.number().int(), created: z.number().int(), updated: z.number().int(), unchanged: z.number().int() }),
    rejected: z.number().int(),
    warnings: z.number().int(),
    issues: z.array(IssueSchema),
    issuesTotal: z.number().int(),
    headerMapping: HeaderMappingSchema.optional(),
  })
  .loose()
  .openapi('SubmissionReport', { description: 'The pipeline’s report of one submission (see pipeline/submission-report.ts)' });

export const SubmissionRowSchema = z
  .object({
    id: z.string(),
    kind: z.enum(['file', 'form']),
    fileName: z.string().nullable(),
    status: Status,
    dryRun: z.boolean(),
    districtCode: z.string().nullable(),
    provinceCode: z.string().nullable(),
    roundCode: z.string(),
    username: z.string(),
    sizeBytes: z.number().int(),
    rowsRead: z.number().int(),
    accepted: z.number().int(),
    rejected: z.number().int(),
    warnings: z.number().int(),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .openapi('SubmissionRow');

export const SubmissionPageSchema = pageSchema(SubmissionRowSchema, 'SubmissionPage');

export const SubmissionQuerySchema = z.object({
  district: DistrictCode.optional(),
  province: ProvinceCode.optional(),
  round: RoundCode.optional(),
  status: Status.optional(),
  ...PageQuery,
});

export const SubmissionIdParams = z.object({ id: z.string().uuid() });

/** The multipart upload, documented as a plain schema: the route reads the body itself, after the size check. */
export const UPLOAD_BODY_SCHEMA: { type: 'object'; required: string[]; properties: Record<string, { type: 'string'; format?: string; enum?: string[]; description: string }> } = {
  type: 'object',
  required: ['file', 'district', 'round'],
  properties: {
    file: { type: 'string', format: 'binary', description: 'CSV (UTF-8, TIS-620/Windows-874) or XLSX' },
    district: { type: 'string', description: "District code ('3801'); a province officer or the department may give a province ('38'), the department 'all'" },
    round: { type: 'string', description: "Round code ('2561-Q1')" },
    dryRun: { type: 'string', enum: ['true', 'false', '1', '0'], description: 'Validate only, load nothing' },
    sheet: { type: 'string', description: 'XLSX worksheet (default: the first)' },
    mapping: {
      type: 'string',
      description:
        'JSON {"title as in the file": "column"}: column is a key (phone), its Thai or English name, or null to leave the column out. A load that takes rows remembers it for the district\'s next file with the same header row. The report\'s headerMapping shows the mapping used, and on a dry run the titles not mapped with their candidate columns.',
    },
  },
};

export const RegistrationBodySchema = z
  .object({
    district: DistrictCode,
    round: RoundCode,
    dryRun: z.boolean().default(false),
    fields: z.record(z.string(), z.string().max(2000)).openapi({ description: 'Producer fields by canonical column key (producer_name, citizen_id, …)' }),
    rows: z
      .array(z.record(z.string(), z.string().max(2000)))
      .max(200)
      .optional()
      .openapi({ description: 'One entry per product (product_name, category, standards, stars), merged over fields' }),
  })
  .openapi('RegistrationBody');
