import { eq } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { districts } from '../../db/schema/index.ts';
import { DomainError } from '../domain-error.ts';
import { citizenIdVisibility } from './citizen-id-visibility.ts';
import type { SessionUser } from './session-user.ts';

// Who sees what. A district officer sees one district, a province officer one province, the
// department and analysts the whole country; admin manages accounts and sees no registration
// data. The rule for answers, everywhere:
//   403 forbidden — the caller's ROLE may never do this (an analyst certifying, an admin
//                   reading producers), whatever the target;
//   404 not-found — the TARGET lies outside the caller's scope; the answer is byte-for-byte
//                   the one for a district, province or submission that does not exist, so
//                   nobody learns what exists beyond their scope.

/** Filter every scoped read applies: the caller's province and district, when they have one. */
export type DataScope = { provinceCode?: string; districtCode?: string };

export type DistrictRef = { code: string; provinceCode: string; nameTh: string; nameEn: string };

/** The caller's data scope; admin has none (403: accounts only). */
export function scopeFilter(user: SessionUser): DataScope {
  switch (user.role) {
    case 'district':
      return { provinceCode: user.provinceCode ?? undefined, districtCode: user.districtCode ?? undefined };
    case 'province':
      return { provinceCode: user.provinceCode ?? undefined };
    case 'department':
    case 'analyst':
      return {};
    default:
      throw DomainError.forbidden({ en: 'Administrator accounts manage accounts and see no registration data', th: 'บัญชีผู้ดูแลระบบใช้จัดการบัญชีผู้ใช้เท่านั้น' });
  }
}

/** Whether a district lies in the caller's scope (pure; the district's province must be known). */
export function isDistrictInScope(user: SessionUser, district: { code: string; provinceCode: string }): boolean {
  const scope = scopeFilter(user);
  if (scope.districtCode !== undefined && scope.districtCode !== district.code) return false;
  if (scope.provinceCode !== undefined && scope.provinceCode !== district.provinceCode) return false;
  return true;
}

/** Throws 404 unless the province lies in the caller's scope (403 for admin). */
export function assertProvinceInScope(user: SessionUser, provinceCode: string): void {
  const scope = scopeFilter(user);
  if (scope.provinceCode !== undefined && scope.provinceCode !== provinceCode) throw DomainError.notFound();
}

/** The district, when it exists and lies in the caller's scope; otherwise 404 (403 for admin). */
export async function assertDistrictInScope(db: Db, user: SessionUser, districtCode: string): Promise<DistrictRef> {
  scopeFilter(user);
  if (!/^\d{4}$/.test(districtCode)) throw DomainError.notFound();
  const [district] = await db
    .select({ code: districts.code, provinceCode: districts.provinceCode, nameTh: districts.nameTh, nameEn: districts.nameEn })
    .from(districts)
    .where(eq(districts.code, districtCode))
    .limit(1);
  if (!district || !isDistrictInScope(user, district)) throw DomainError.notFound();
  return district;
}

/**
 * The caller's scope narrowed by the filters they asked for (`?province=&district=`). Asking
 * for a province or district outside the scope answers 404, like asking for one that does not
 * exist; it never widens the scope.
 */
export async function scopedFilter(
  db: Db,
  user: SessionUser,
  requested: { provinceCode?: string | undefined; districtCode?: string | undefined },
): Promise<DataScope> {
  const scope = scopeFilter(user);
  const out: DataScope = { ...scope };
  if (requested.provinceCode !== undefined) {
    assertProvinceInScope(user, requested.provinceCode);
    out.provinceCode = requested.provinceCode;
  }
  if (requested.districtCode !== undefined) {
    const district = await assertDistrictInScope(db, user, requested.districtCode);
    if (out.provinceCode !== undefined && out.provinceCode !== district.provinceCode) throw DomainError.notFound();
    out.districtCode = district.code;
    out.provinceCode = district.provinceCode;
  }
  return out;
}

/**
 * Whether the caller sees citizen IDs in full for data of this district: its own district's
 * officers (they registered it) and its province's officers (they verify it against the
 * documents); see citizenIdVisibility. The department and analysts work with masked IDs.
 */
export function seesFullCitizenIds(user: SessionUser, row: { districtCode: string; provinceCode: string }): boolean {
  if (citizenIdVisibility(user) !== 'full') return false;
  if (user.role === 'district') return user.districtCode === row.districtCode;
  if (user.role === 'province') return user.provinceCode === row.provinceCode;
  return false;
}

/** Whether a submission (file or form) lies in the caller's scope; province-wide loads belong to their province, national ones to national roles. */
export function isSubmissionInScope(user: SessionUser, s: { districtCode: string | null; provinceCode: string | null }): boolean {
  const scope = scopeFilter(user);
  if (scope.districtCode !== undefined && s.districtCode !== scope.districtCode) return false;
  if (scope.provinceCode !== undefined && s.provinceCode !== scope.provinceCode) return false;
  return true;
}

/**
 * The target of an upload as its code: a district ('3801'), a whole province ('38': province
 * officers and the department) or the country ('all': the department). 404 outside the scope.
 */
export async function assertUploadTargetInScope(db: Db, user: SessionUser, code: string): Promise<void> {
  if (/^\d{4}$/.test(code)) {
    await assertDistrictInScope(db, user, code);
    return;
  }
  if (/^\d{2}$/.test(code) && user.role !== 'district') {
    assertProvinceInScope(user, code);
    return;
  }
  if (code === 'all' && user.role === 'department') return;
  throw DomainError.notFound();
}
