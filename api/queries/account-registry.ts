import { sql } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { queryRows } from '../../db/query-rows.ts';
import type { UserRole } from '../auth/session-user.ts';

export interface RegistryAccount {
  username: string;
  displayName: string;
  role: UserRole;
  provinceCode: string | null;
  provinceNameTh: string | null;
  districtCode: string | null;
  districtNameTh: string | null;
  disabled: boolean;
  hasPassword: boolean;
  activationPending: boolean;
  activationExpiresAt: string | null;
}

interface Row {
  username: string;
  display_name: string;
  role: UserRole;
  province_code: string | null;
  province_name: string | null;
  district_code: string | null;
  district_name: string | null;
  disabled: boolean;
  has_password: boolean;
  activation_pending: boolean;
  activation_expires_at: unknown;
}

/**
 * Accounts for the printed account registry (the letter's enclosure 3 without secrets): who
 * may sign in for which area and whether the account is activated. Never a hash, never a code.
 * A province filter lists the province's own account and its districts'; a district filter
 * that district's accounts. Ordered by province, district, role and username.
 */
export async function accountRegistry(db: Db, filter: { provinceCode?: string | undefined; districtCode?: string | undefined }): Promise<RegistryAccount[]> {
  const where = filter.districtCode
    ? sql`u.district_code = ${filter.districtCode}`
    : filter.provinceCode
      ? sql`u.province_code = ${filter.provinceCode}`
      : sql`true`;
  const rows = await queryRows<Row>(
    db,
    sql`select u.username, u.display_name, u.role, u.province_code, p.name_th as province_name,
               u.district_code, d.name_th as district_name, u.disabled,
               (u.password_hash is not null) as has_password, (u.activation_code_hash is not null) as activation_pending,
               u.activation_expires_at
        from users u
        left join provinces p on p.code = u.province_code
        left join districts d on d.code = u.district_code
        where ${where}
        order by u.province_code nulls first, u.district_code nulls first, u.role, u.username`,
  );
  return rows.map((r) => ({
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    provinceCode: r.province_code?.trim() ?? null,
    provinceNameTh: r.province_name,
    districtCode: r.district_code?.trim() ?? null,
    districtNameTh: r.district_name,
    disabled: Boolean(r.disabled),
    hasPassword: Boolean(r.has_password),
    activationPending: Boolean(r.activation_pending),
    activationExpiresAt:
      r.activation_expires_at === null || r.activation_expires_at === undefined
        ? null
        : (r.activation_expires_at instanceof Date ? r.activation_expires_at : new Date(String(r.activation_expires_at))).toISOString(),
  }));
}
