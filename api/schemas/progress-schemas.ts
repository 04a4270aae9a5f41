import { z } from '@hono/zod-openapi';
import { DistrictCode, FiscalYear, ProvinceCode } from '../http/openapi-common.ts';

const count = z.number().int();
const byType = z.object({ 'community-group': count, 'single-owner': count, sme: count });
const byCategory = z.object({ food: count, beverage: count, textile: count, household: count, herbal: count });
const counts = {
  producers: count,
  products: count,
  producersByType: byType,
  productsByCategory: byCategory,
  newProducers: count,
  renewedProducers: count,
  lateRegistrations: count.openapi({ description: 'Registrations made after the step-1 window closed' }),
};

const StepSchema = z
  .object({
    step: z.union([z.literal(1), z.literal(2), z.literal(3)]),
    responsible: z.enum(['district', 'province', 'department']),
    startDate: z.string().openapi({ format: 'date' }),
    endDate: z.string().openapi({ format: 'date' }),
    statedDays: count.optional(),
    status: z.enum(['upcoming', 'open', 'overdue', 'done']),
    doneAt: z.string().nullable().openapi({ format: 'date-time' }),
    timeliness: z.enum(['early', 'on-time', 'late']).nullable(),
    daysLeft: z.number().int().nullable().openapi({ description: '0 on the last day of the window, negative when overdue' }),
  })
  .openapi('StepProgress');

const AreaSchema = z
  .object({
    code: z.string(),
    nameTh: z.string(),
    nameEn: z.string(),
    provinceCode: z.string().nullable(),
    ...counts,
    previousYearProducers: count,
    targetProducers: count,
    targetRatio: z.number().nullable(),
    districts: count,
    certifiedByRound: z.record(z.string(), count),
  })
  .openapi('AreaProgress');

export const ProgressQuerySchema = z.object({
  fy: FiscalYear.optional().openapi({ description: 'Fiscal year (BE); default: the latest in the plan' }),
  province: ProvinceCode.optional(),
  district: DistrictCode.optional(),
  detail: z.enum(['district', 'province']).optional().openapi({
    description: 'district: every district × round; province: province × round only (the default for the nation)',
  }),
});

export const ProgressSchema = z
  .object({
    asOf: z.string().openapi({ format: 'date-time' }),
    fiscalYear: count,
    filter: z.object({ provinceCode: z.string().nullable(), districtCode: z.string().nullable() }),
    detail: z.enum(['district', 'province']),
    rounds: z.array(
      z.object({
        code: z.string(),
        quarter: count,
        windows: z.array(
          z.object({
            step: z.union([z.literal(1), z.literal(2), z.literal(3)]),
            startDate: z.string(),
            endDate: z.string(),
            statedDays: count,
            responsible: z.enum(['district', 'province', 'department']),
          }),
        ),
      }),
    ),
    cells: z.array(
      z
        .object({
          roundCode: z.string(),
          quarter: count,
          districtCode: z.string(),
          provinceCode: z.string(),
          state: z.enum(['open', 'submitted', 'returned', 'certified']),
          provinceState: z.enum(['open', 'reported', 'announced']),
          ...counts,
          steps: z.array(StepSchema),
        })
        .openapi('DistrictRoundProgress'),
    ),
    provinceCells: z.array(
      z
        .object({
          roundCode: z.string(),
          quarter: count,
          provinceCode: z.string(),
          state: z.enum(['open', 'reported', 'announced']),
          districts: count,
          districtsSubmitted: count,
          districtsCertified: count,
          ...counts,
          steps: z.array(StepSchema),
        })
        .openapi('ProvinceRoundProgress'),
    ),
    districts: z.array(AreaSchema),
    provinces: z.array(AreaSchema),
    total: AreaSchema,
  })
  .openapi('Progress');
