import { z } from '@hono/zod-openapi';
import { ROLES } from '../auth/session-user.ts';
import { DistrictCode, PageQuery, ProvinceCode, pageSchema } from '../http/openapi-common.ts';

export const AccountSchema = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    role: z.enum(ROLES),
    provinceCode: z.string().nullable(),
    districtCode: z.string().nullable(),
    disabled: z.boolean(),
    mustChangePassword: z.boolean(),
    hasPassword: z.boolean(),
    activationPending: z.boolean(),
    activationExpiresAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Account');

export const AccountPageSchema = pageSchema(AccountSchema, 'AccountPage');

export const AccountQuerySchema = z.object({
  role: z.enum(ROLES).optional(),
  province: ProvinceCode.optional(),
  district: DistrictCode.optional(),
  q: z.string().max(100).optional(),
  ...PageQuery,
});

export const CreateAccountBodySchema = z
  .object({
    username: z.string().min(1).max(100),
    role: z.enum(ROLES),
    scope: z.string().max(10).optional().openapi({ description: 'District code for a district account, province code for a province account' }),
    displayName: z.string().max(200).optional(),
  })
  .openapi('CreateAccountBody');

export const IssuedAccountSchema = z
  .object({
    account: AccountSchema,
    activationCode: z.string().nullable().openapi({ description: 'One-time activation code, shown only in this answer' }),
    activationExpiresAt: z.string().nullable(),
  })
  .openapi('IssuedAccount');

export const AccountIdParams = z.object({ id: z.string().uuid() });
