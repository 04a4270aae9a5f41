import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { forbidden, passwordChangeRequired, unauthorized } from '../http/standard-problems.ts';
import type { UserRole } from './session-user.ts';

/**
 * Refuses anonymous requests (401), and — unless `allowPendingPassword` — accounts that must
 * still choose a password (403). With roles, refuses every other role (403).
 */
export function requireUser(
  options: { roles?: readonly UserRole[]; allowPendingPassword?: boolean } = {},
): MiddlewareHandler<AppEnv> {
  return async function requireSignedInUser(c, next) {
    const user = c.get('user') as AppEnv['Variables']['user'] | undefined;
    if (!user) throw unauthorized();
    if (user.mustChangePassword && !options.allowPendingPassword) throw passwordChangeRequired();
    if (options.roles && !options.roles.includes(user.role)) throw forbidden();
    await next();
  };
}

/** `requireUser({ roles })`, for route definitions. */
export function requireRole(...roles: UserRole[]): MiddlewareHandler<AppEnv> {
  return requireUser({ roles });
}
