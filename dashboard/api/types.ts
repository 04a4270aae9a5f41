// The API's response shapes as the dashboard reads them. Types only: nothing from api/ or
// db/ reaches the bundle. They are the API's own: the progress query's interfaces and the
// route schemas' inferred types (no hand-written copies).
export type {
  ProgressResult,
  CellProgress,
  AreaProgress,
  RoundPlan,
  StepProgress,
  StepStatus,
  Counts,
} from '../../api/queries/progress.ts';
export type { Problem } from '../../api/http/problem.ts';
export type { Issue, IssueCode } from '../../domain/issue-codes.ts';

export type UserRole = 'district' | 'province' | 'department' | 'analyst' | 'admin';

import type { z } from '@hono/zod-openapi';
import type { SessionInfoSchema } from '../../api/schemas/auth-schemas.ts';
import type { AuditRowSchema, ProducerSchema, ProductSchema } from '../../api/schemas/data-schemas.ts';
import type { DistrictRoundStatusSchema, ProvinceRoundStatusSchema, RoundPlanSchema } from '../../api/schemas/workflow-schemas.ts';
import type { AccountSchema, IssuedAccountSchema } from '../../api/schemas/account-schemas.ts';
import type { SubmissionReportSchema, SubmissionRowSchema } from '../../api/schemas/submission-schemas.ts';

/** GET /api/me, POST /api/auth/login, POST /api/auth/password. */
export type Me = z.infer<typeof SessionInfoSchema>;
export type SessionUser = Me['user'];
export type ProducerRow = z.infer<typeof ProducerSchema>;
export type ProductRow = z.infer<typeof ProductSchema>;
export type AuditRow = z.infer<typeof AuditRowSchema>;
export type DistrictRoundStatus = z.infer<typeof DistrictRoundStatusSchema>;
export type ProvinceRoundStatus = z.infer<typeof ProvinceRoundStatusSchema>;
export type PlanRounds = z.infer<typeof RoundPlanSchema>;
export type AdminUser = z.infer<typeof AccountSchema>;
export type IssuedAccount = z.infer<typeof IssuedAccountSchema>;

/** Every list route answers a page: { items, total, limit, offset }. */
export interface ListPage<T> {
  items: T[];
  total: number;
  limit?: number;
  offset?: number;
}

/** POST /api/submissions, POST /api/registrations, GET /api/submissions/:id. */
export type SubmissionReport = z.infer<typeof SubmissionReportSchema>;
/** A row of GET /api/submissions. */
export type SubmissionSummary = z.infer<typeof SubmissionRowSchema>;


/** GET /api/attention/provinces/:code and GET /api/attention/department. */
export type { ProvinceAttention } from '../../api/queries/attention/province-attention.ts';
export type { DepartmentAttention } from '../../api/queries/attention/department-attention.ts';
