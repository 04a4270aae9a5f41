import { sql } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { queryRows } from '../../db/query-rows.ts';
import type { UserRole } from '../auth/session-user.ts';

export interface RegistryAccount {
  /** null: the area (a district, or a province) has no account of its role yet. */
  username: string | null;
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
  username: string | null;
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
 * that district's accounts. Every district of the scope (and every province, unless a district
 * is asked for) appears even without an account, as a row with a null username: the registry
 * is the list a province officer checks for who is still missing. Ordered by province,
 * district, role and username.
 */
export async function accountRegistry(db: Db, filter: { provinceCode?: string | undefined; districtCode?: string | undefined }): Promise<RegistryAccount[]> {
  const where = filter.districtCode
    ? sql`u.district_code = ${filter.districtCode}`
    : filter.provinceCode
      ? sql`u.province_code = ${filter.provinceCode}`
      : sql`true`;
  const districtWhere = filter.districtCode
    ? sql`d.code = ${filter.districtCode}`
    : filter.provinceCode
      ? sql`d.province_code = ${filter.provinceCode}`
      : sql`true`;
  const provinceWhere = filter.districtCode ? sql`false` : filter.provinceCode ? sql`p.code = ${filter.provinceCode}` : sql`true`;
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
        union all
        select null, '', 'district', d.province_code, p.name_th, d.code, d.name_th, false, false, false, null
        from districts d
        join provinces p on p.code = d.province_code
        where ${districtWhere}
          and not exists (select 1 from users u where u.role = 'district' and u.district_code = d.code)
        union all
        select null, '', 'province', p.code, p.name_th, null, null, false, false, false, null
        from provinces p
        where ${provinceWhere}
          and not exists (select 1 from users u where u.role = 'province' and u.province_code = p.code)
        order by 4 nulls first, 6 nulls first, 3, 1 nulls first`,
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
