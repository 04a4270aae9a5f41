import { z } from '@hono/zod-openapi';
import { MAX_REASON_LENGTH } from '../workflow/transition-district-round.ts';
import { DistrictCode, ProvinceCode, RoundCode } from '../http/openapi-common.ts';

const DistrictState = z.enum(['open', 'submitted', 'returned', 'certified']);
const ProvinceState = z.enum(['open', 'reported', 'announced']);
const Timeliness = z.enum(['early', 'on-time', 'late']);
const StepWindow = z.object({ step: z.number().int(), startDate: z.string(), endDate: z.string() });

export const TransitionBodySchema = z
  .object({
    reason: z.string().max(MAX_REASON_LENGTH).optional().openapi({ description: 'Required for return and reopen, and for a report while districts are not certified (naming them)' }),
    version: z.number().int().min(0).optional().openapi({ description: 'Optimistic concurrency: refuse (409) unless the round is still at this version' }),
  })
  .openapi('TransitionBody');

export const DistrictParams = z.object({ round: RoundCode, code: DistrictCode });
export const ProvinceParams = z.object({ round: RoundCode, code: ProvinceCode });

export const AuditEntrySchema = z
  .object({
    id: z.number().int(),
    at: z.string(),
    username: z.string(),
    action: z.string(),
    fromState: z.string().nullable(),
    toState: z.string().nullable(),
    reason: z.string().nullable(),
    timeliness: Timeliness.nullable(),
  })
  .openapi('AuditEntry');

export const DistrictRoundStatusSchema = z
  .object({
    roundCode: z.string(),
    districtCode: z.string(),
    provinceCode: z.string(),
    nameTh: z.string(),
    nameEn: z.string(),
    state: DistrictState,
    version: z.number().int(),
    provinceState: ProvinceState,
    locked: z.boolean().openapi({ description: 'Certified or announced: no loads or forms' }),
    submittedAt: z.string().nullable(),
    certifiedAt: z.string().nullable(),
    updatedAt: z.string().nullable(),
    allowedActions: z.array(z.enum(['submit', 'certify', 'return', 'reopen'])).openapi({ description: 'Actions the caller may take now' }),
    history: z.array(AuditEntrySchema),
  })
  .openapi('DistrictRoundStatus');

export const ProvinceRoundStatusSchema = z
  .object({
    roundCode: z.string(),
    provinceCode: z.string(),
    nameTh: z.string(),
    nameEn: z.string(),
    state: ProvinceState,
    version: z.number().int(),
    reportedAt: z.string().nullable(),
    announcedAt: z.string().nullable(),
    allowedActions: z.array(z.enum(['report', 'announce'])),
    districts: z.array(
      z.object({
        code: z.string(),
        nameTh: z.string(),
        nameEn: z.string(),
        state: DistrictState,
        version: z.number().int(),
        submittedAt: z.string().nullable(),
        certifiedAt: z.string().nullable(),
      }),
    ),
  })
  .openapi('ProvinceRoundStatus');

export const DistrictTransitionSchema = z
  .object({
    action: z.string(),
    roundCode: z.string(),
    districtCode: z.string(),
    provinceCode: z.string(),
    from: DistrictState,
    to: DistrictState,
    version: z.number().int(),
    reason: z.string().nullable(),
    at: z.string(),
    timeliness: Timeliness.nullable(),
    window: StepWindow.nullable(),
    auditId: z.number().int(),
  })
  .openapi('DistrictTransition');

export const ProvinceTransitionSchema = z
  .object({
    action: z.string(),
    roundCode: z.string(),
    provinceCode: z.string(),
    from: ProvinceState,
    to: ProvinceState,
    version: z.number().int(),
    reason: z.string().nullable(),
    at: z.string(),
    timeliness: Timeliness.nullable(),
    window: StepWindow.nullable(),
    uncertifiedDistricts: z.array(z.object({ code: z.string(), nameTh: z.string(), nameEn: z.string(), state: DistrictState })),
    auditId: z.number().int(),
  })
  .openapi('ProvinceTransition');

export const RoundPlanSchema = z
  .object({
    rounds: z.array(
      z.object({
        code: z.string(),
        fiscalYear: z.number().int(),
        quarter: z.number().int(),
        windows: z.array(
          z.object({
            step: z.number().int(),
            startDate: z.string(),
            endDate: z.string(),
            statedDays: z.number().int(),
            responsible: z.enum(['district', 'province', 'department']),
            note: z.string().nullable(),
          }),
        ),
      }),
    ),
  })
  .openapi('RoundPlan');
