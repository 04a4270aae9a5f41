import { z } from '@hono/zod-openapi';
import { FiscalYear, ProvinceCode } from '../http/openapi-common.ts';

const int = z.number().int();
const dateTime = z.string().openapi({ format: 'date-time' });
const area = {
  code: z.string(),
  nameTh: z.string(),
  nameEn: z.string(),
  roundCode: z.string(),
  quarter: int,
};

export const AttentionQuerySchema = z.object({
  fy: FiscalYear.optional().openapi({ description: 'Fiscal year (BE); default: the latest in the plan' }),
});
export const AttentionProvinceParams = z.object({ code: ProvinceCode });

export const ProvinceAttentionSchema = z
  .object({
    asOf: dateTime,
    fiscalYear: int,
    provinceCode: z.string(),
    overdue: z.array(
      z.object({
        ...area,
        state: z.enum(['open', 'submitted', 'returned', 'certified']),
        step: z.literal(1),
        endDate: z.string().openapi({ format: 'date' }),
        daysLate: int.openapi({ description: 'Whole Bangkok days since the step-1 window closed' }),
      }),
    ),
    awaitingCertification: z.array(
      z.object({
        ...area,
        submittedAt: dateTime,
        daysWaiting: int,
        daysLate: int.nullable().openapi({ description: 'Days past the step-2 window; null while it is open' }),
      }),
    ),
    returned: z.array(z.object({ ...area, returnedAt: dateTime.nullable(), reason: z.string().nullable() })),
  })
  .openapi('ProvinceAttention');

const provinceArea = { ...area, districts: int, districtsCertified: int };

export const DepartmentAttentionSchema = z
  .object({
    asOf: dateTime,
    fiscalYear: int,
    awaitingAnnouncement: z.array(
      z.object({
        ...provinceArea,
        reportedAt: dateTime,
        daysWaiting: int,
        daysLate: int.nullable().openapi({ description: 'Days past the step-3 window; null while it is open' }),
      }),
    ),
    late: z.array(z.object({ ...provinceArea, endDate: z.string().openapi({ format: 'date' }), daysLate: int })),
  })
  .openapi('DepartmentAttention');
