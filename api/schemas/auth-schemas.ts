import { z } from '@hono/zod-openapi';
import { ROLES } from '../auth/session-user.ts';

export const SessionUserSchema = z
  .object({
    id: z.string(),
    username: z.string(),
    role: z.enum(ROLES),
    provinceCode: z.string().nullable(),
    districtCode: z.string().nullable(),
    displayName: z.string(),
    mustChangePassword: z.boolean(),
  })
  .openapi('SessionUser');

export const SessionInfoSchema = z
  .object({
    user: SessionUserSchema,
    csrfToken: z.string().openapi({ description: 'Send back in the x-csrf-token header on POST/PUT/PATCH/DELETE' }),
    expiresAt: z.string(),
  })
  .openapi('SessionInfo');

export const LoginBodySchema = z
  .object({
    username: z.string().min(1).max(100),
    password: z.string().min(1).max(1000).optional(),
    activationCode: z.string().min(1).max(100).optional().openapi({ description: 'One-time activation code (first sign-in)' }),
  })
  .refine((b) => b.password !== undefined || b.activationCode !== undefined, {
    message: 'password or activationCode is required',
    path: ['password'],
  })
  .openapi('LoginBody');

export const PasswordBodySchema = z
  .object({
    currentPassword: z.string().max(1000).optional(),
    activationCode: z.string().max(100).optional(),
    newPassword: z.string().max(1000),
  })
  .openapi('PasswordBody');
