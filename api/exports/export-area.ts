import { eq } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { districts, provinces } from '../../db/schema/index.ts';
import { DomainError } from '../domain-error.ts';
import type { ExportArea } from './export-code-lists.ts';

/**
 * The area an export covers: the caller's scope narrowed by the province and district asked
 * for. Asking for a province or district outside the scope — or one that does not exist —
 * answers 404, the same answer either way; a filter never widens the scope.
 */
export async function exportArea(
  db: Db,
  scope: ExportArea,
  requested: { provinceCode?: string | undefined; districtCode?: string | undefined },
): Promise<ExportArea> {
  const area: ExportArea = { ...scope };
  if (scope.districtCode && !scope.provinceCode) throw new Error('A district scope needs its province');
  if (requested.provinceCode !== undefined) {
    if (!/^\d{2}$/.test(requested.provinceCode)) throw DomainError.notFound();
    if (scope.provinceCode !== undefined && scope.provinceCode !== requested.provinceCode) throw DomainError.notFound();
    if (scope.provinceCode === undefined) {
      const [found] = await db.select({ code: provinces.code }).from(provinces).where(eq(provinces.code, requested.provinceCode)).limit(1);
      if (!found) throw DomainError.notFound();
    }
    area.provinceCode = requested.provinceCode;
  }
  if (requested.districtCode !== undefined) {
    if (!/^\d{4}$/.test(requested.districtCode)) throw DomainError.notFound();
    if (scope.districtCode !== undefined && scope.districtCode !== requested.districtCode) throw DomainError.notFound();
    const [found] = await db
      .select({ code: districts.code, provinceCode: districts.provinceCode })
      .from(districts)
      .where(eq(districts.code, requested.districtCode))
      .limit(1);
    if (!found || (area.provinceCode !== undefined && area.provinceCode !== found.provinceCode)) throw DomainError.notFound();
    area.districtCode = found.code;
    area.provinceCode = found.provinceCode;
  }
  return area;
}
