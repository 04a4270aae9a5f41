import { ROLES } from '../../db/schema/users.ts';

export type UserRole = (typeof ROLES)[number];
export { ROLES };

/** Roles that read registration data (admin manages accounts only and sees no data). */
export const DATA_ROLES = ['district', 'province', 'department', 'analyst'] as const satisfies readonly UserRole[];

/**
 * The signed-in user, placed on the Hono context as `user` by the session middleware. Scope
 * follows the role: a district officer has districtCode and its provinceCode, a province
 * officer provinceCode only, department/analyst/admin neither.
 */
export type SessionUser = {
  id: string;
  username: string;
  role: UserRole;
  provinceCode: string | null;
  districtCode: string | null;
  displayName: string;
  mustChangePassword: boolean;
};

/** The SessionUser fields of a row that joins users (a session's or an API token's lookup). */
export function sessionUserOf(row: SessionUser): SessionUser {
  return {
    id: row.id,
    username: row.username,
    role: row.role,
    provinceCode: row.provinceCode,
    districtCode: row.districtCode,
    displayName: row.displayName,
    mustChangePassword: row.mustChangePassword,
  };
}

/** The session behind the request (never the cookie token itself). */
export type ActiveSession = {
  /** SHA-256 of the cookie token (the sessions.id). */
  id: string;
  csrfToken: string;
  expiresAt: Date;
};
