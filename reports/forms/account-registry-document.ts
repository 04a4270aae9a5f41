import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { areaUnits } from '../../domain/area-units.ts';
import { bangkokDate } from '../../domain/timeliness.ts';
import { FORM_STYLES } from './form-styles.ts';
import { FORM_TABLE_LAYOUT } from './form-table-layout.ts';
import { formText, type FormDigits } from './form-text.ts';
import { ACCOUNT_SHEET_TITLE } from './account-sheet-document.ts';

export interface AccountRegistryRow {
  /** null: the area has no account yet (the registry lists every area of its scope). */
  username: string | null;
  role: 'district' | 'province' | 'department' | 'analyst' | 'admin';
  /** The province the account (or area) belongs to: its units are named as it calls them (Bangkok: เขต). */
  provinceCode?: string | null;
  provinceNameTh: string | null;
  districtNameTh: string | null;
  disabled: boolean;
  hasPassword: boolean;
  activationPending: boolean;
  activationExpiresAt: string | null;
}

export interface AccountRegistryInput {
  /** 'จังหวัดบึงกาฬ', 'อำเภอ…', or 'ทั่วประเทศ'. */
  scopeTh: string;
  asOf: Date;
  accounts: readonly AccountRegistryRow[];
}

export interface AccountRegistryOptions {
  digits?: FormDigits;
}

/** The status of an area that has no account yet. */
export const NO_ACCOUNT_TH = 'ยังไม่มีบัญชี';

const ROLE_TH: Record<Exclude<AccountRegistryRow['role'], 'district' | 'province'>, string> = {
  department: 'กรมการพัฒนาชุมชน',
  analyst: 'ผู้วิเคราะห์ข้อมูล',
  admin: 'ผู้ดูแลระบบ',
};

/**
 * The account registry as it stands: who signs in for which area and whether the account is
 * activated. Without codes or passwords — codes are stored only hashed, so they exist on paper
 * only in the sheet printed when they are issued (accountSheetDocument).
 */
export function accountRegistryDocument(input: AccountRegistryInput, options: AccountRegistryOptions = {}): TDocumentDefinitions {
  const t = formText(options.digits);
  const status = (a: AccountRegistryRow): string => {
    if (a.username === null) return NO_ACCOUNT_TH;
    if (a.disabled) return 'ระงับการใช้งาน';
    if (a.activationPending) {
      const expires = a.activationExpiresAt ? new Date(a.activationExpiresAt) : null;
      if (expires && expires.getTime() < input.asOf.getTime()) return 'รหัสเปิดใช้งานหมดอายุ';
      return expires ? `รอเปิดใช้งาน (ถึง ${t.date(bangkokDate(expires), 'short')})` : 'รอเปิดใช้งาน';
    }
    return a.hasPassword ? 'เปิดใช้งานแล้ว' : 'ยังไม่มีรหัสผ่าน';
  };
  // A district's and a province's level as that province names them: เขต and กรุงเทพมหานคร in Bangkok.
  const roleTh = (a: AccountRegistryRow): string => {
    if (a.role === 'district') return areaUnits(a.provinceCode).district;
    if (a.role === 'province') return areaUnits(a.provinceCode).self;
    return ROLE_TH[a.role];
  };
  // The district column is named for the units its rows are: อำเภอ, เขต, or both on a national registry.
  const districtUnits = [...new Set(input.accounts.filter((a) => a.provinceCode).map((a) => areaUnits(a.provinceCode).district))];
  const districtColumn = districtUnits.length === 1 ? (districtUnits[0] as string) : 'อำเภอ/เขต';
  const missing = input.accounts.filter((a) => a.username === null).length;
  const body: TableCell[][] = [
    ['ที่', 'จังหวัด', districtColumn, 'ชื่อผู้ใช้งาน', 'ระดับผู้ใช้งาน', 'สถานะ'].map((text) => ({ text, style: 'tableHeader', fontSize: 10 })),
  ];
  input.accounts.forEach((a, i) => {
    body.push([
      { text: t.d(i + 1), alignment: 'center' },
      a.provinceNameTh ?? '-',
      a.districtNameTh ?? '-',
      a.username === null ? { text: '-', alignment: 'center' } : { text: a.username, noWrap: true },
      roleTh(a),
      status(a),
    ]);
  });
  const content: Content[] = [
    { text: ACCOUNT_SHEET_TITLE, style: 'title' },
    { text: input.scopeTh, style: 'subtitle' },
    { text: `ข้อมูล ณ วันที่ ${t.dateTime(input.asOf)}`, alignment: 'center', margin: [0, 2, 0, missing > 0 ? 2 : 10] },
    ...(missing > 0 ? [{ text: `พื้นที่ที่${NO_ACCOUNT_TH} ${t.n(missing)} แห่ง`, alignment: 'center' as const, bold: true, margin: [0, 0, 0, 10] as [number, number, number, number] }] : []),
    input.accounts.length > 0
      ? { table: { headerRows: 1, dontBreakRows: true, widths: [24, 62, 76, 'auto', 84, '*'], body }, layout: FORM_TABLE_LAYOUT, fontSize: 10.5 }
      : { text: 'ไม่มีบัญชีผู้ใช้งานในขอบเขตนี้', alignment: 'center' },
    {
      text: 'เอกสารนี้ไม่แสดงรหัสผ่านหรือรหัสเปิดใช้งาน: ระบบเก็บไว้เฉพาะค่าที่แปลงแบบทางเดียว (hash) รหัสเปิดใช้งานจึงพิมพ์ได้ครั้งเดียวในขณะที่ออกรหัส (นำเข้าบัญชีหรือรีเซ็ตบัญชี) หากต้องการรหัสใหม่ ให้ผู้ดูแลระบบรีเซ็ตบัญชี',
      style: 'note',
      margin: [0, 8, 0, 0],
    },
  ];
  return {
    info: { title: `${ACCOUNT_SHEET_TITLE} ${input.scopeTh}`, subject: 'OTOP account registry' },
    styles: FORM_STYLES,
    content,
  };
}
