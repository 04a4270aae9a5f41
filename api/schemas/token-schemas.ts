import { z } from '@hono/zod-openapi';
import { API_TOKEN_ACCESS } from '../../db/schema/api-tokens.ts';
import { MAX_API_TOKEN_DAYS } from '../auth/api-token-store.ts';
import { ROLES } from '../auth/session-user.ts';

export const ApiTokenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    access: z.enum(API_TOKEN_ACCESS),
    status: z.enum(['active', 'expired', 'revoked']),
    createdAt: z.string(),
    expiresAt: z.string(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    scope: z
      .object({ username: z.string(), role: z.enum(ROLES), provinceCode: z.string().nullable(), districtCode: z.string().nullable() })
      .openapi({ description: 'The token acts as its user, in the user’s scope' }),
  })
  .openapi('ApiToken');

export const ApiTokenListSchema = z.object({ items: z.array(ApiTokenSchema) }).openapi('ApiTokenList');

export const CreateApiTokenBodySchema = z
  .object({
    name: z.string().trim().min(1).max(100).openapi({ example: 'nightly export script' }),
    access: z.enum(API_TOKEN_ACCESS).default('read').openapi({ description: 'read (default): GET only. read-write: only for roles that write (not analyst)' }),
    expiresInDays: z.number().int().min(1).max(MAX_API_TOKEN_DAYS).openapi({ description: `Required: days until it expires (1–${MAX_API_TOKEN_DAYS})`, example: 90 }),
  })
  .openapi('CreateApiTokenBody');

export const IssuedApiTokenSchema = z
  .object({
    token: ApiTokenSchema,
    secret: z.string().openapi({ description: 'Send as "Authorization: Bearer <secret>". Shown only in this answer; only its hash is kept.', example: 'otop_…' }),
  })
  .openapi('IssuedApiToken');

export const ApiTokenIdParams = z.object({ id: z.string().uuid() });
export const UserApiTokenParams = z.object({ id: z.string().uuid(), tokenId: z.string().uuid() });
