import type { Db } from '../../../db/create-db.ts';
import type { AccountRegistryInput } from '../../../reports/forms/account-registry-document.ts';
import type { DataScope } from '../../auth/scope.ts';
import { accountRegistry } from '../../queries/account-registry.ts';
import { areaUnits } from '../../../domain/area-units.ts';
import { areaNames } from '../../queries/area-names.ts';

/** The account registry of a scope (no codes, no passwords), with the scope named for the title. */
export async function accountRegistryData(db: Db, scope: DataScope, now: Date): Promise<AccountRegistryInput> {
  const code = scope.districtCode ?? scope.provinceCode;
  const [accounts, names] = await Promise.all([accountRegistry(db, scope), areaNames(db, code ? [code] : [])]);
  const name = code ? (names.get(code) ?? code) : '';
  const units = areaUnits(code);
  const scopeTh = scope.districtCode ? `${units.district}${name}` : scope.provinceCode ? `${units.province}${name}` : 'ทั่วประเทศ';
  return { scopeTh, asOf: now, accounts };
}
