import type { Db } from '../../../db/create-db.ts';
import { accountSheetDocument, type AccountSheetRow } from '../../../reports/forms/account-sheet-document.ts';
import type { FormDigits } from '../../../reports/forms/form-text.ts';
import { areaUnits } from '../../../domain/area-units.ts';
import { areaNames } from '../../queries/area-names.ts';
import { renderPdf } from '../../../reports/typeset/render-pdf.ts';

const NATIONAL_TH: Readonly<Record<string, string>> = {
  department: 'กรมการพัฒนาชุมชน',
  analyst: 'ผู้วิเคราะห์ข้อมูล (ทั่วประเทศ)',
  admin: 'ผู้ดูแลระบบ',
};

/**
 * The activation-code sheet of accounts just issued (the letter's enclosure 3), as PDF. Called
 * by whoever holds the codes at the moment they exist: `otop users import --sheet`.
 */
export async function accountSheetPdf(
  db: Db,
  issued: readonly { username: string; role: string; scope: string; activationCode: string; activationExpiresAt: string }[],
  issuedAt: Date,
  options: { digits?: FormDigits } = {},
): Promise<Buffer> {
  const names = await areaNames(db, issued.map((a) => a.scope));
  const rows: AccountSheetRow[] = issued.map((a) => {
    const district = /^\d{4}$/.test(a.scope) ? a.scope : null;
    const area = names.get(a.scope);
    return {
      username: a.username,
      districtCode: district,
      districtNameTh: district ? `${areaUnits(district).district}${area ?? a.scope}` : /^\d{2}$/.test(a.scope) ? `${areaUnits(a.scope).province}${area ?? a.scope}` : (NATIONAL_TH[a.role] ?? a.role),
      activationCode: a.activationCode,
      expiresAt: a.activationExpiresAt,
    };
  });
  return renderPdf(accountSheetDocument(rows, { issuedAt, ...options }), { pageNumbers: options.digits ?? 'thai', creationDate: issuedAt });
}
