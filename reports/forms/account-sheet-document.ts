import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { bangkokDate } from '../../domain/timeliness.ts';
import { FORM_STYLES } from './form-styles.ts';
import { FORM_TABLE_LAYOUT } from './form-table-layout.ts';
import { formText, type FormDigits } from './form-text.ts';

export interface AccountSheetRow {
  username: string;
  /** The account's district, or null for a province or national account. */
  districtCode: string | null;
  /** The area as printed: the district's name, or the province's / unit's for other accounts. */
  districtNameTh: string;
  /** The one-time activation code, as issued (never a password). */
  activationCode: string;
  /** When the code stops working (ISO instant). */
  expiresAt: string;
}

export interface AccountSheetOptions {
  /** When the codes were issued. */
  issuedAt: Date;
  /** 'จังหวัดบึงกาฬ', printed under the title when given. */
  scopeTh?: string;
  digits?: FormDigits;
}

export const ACCOUNT_SHEET_TITLE = 'ทะเบียนผู้ใช้งานโปรแกรมลงทะเบียนผู้ผลิตผู้ประกอบการ OTOP';

/**
 * The letter's enclosure 3 done safely: each district's username with its one-time activation
 * code and the date it expires, one page per district (each office receives only its own). Produced only at the moment the codes are issued (they are
 * stored hashed and cannot be printed again); it carries no password — the first sign-in with
 * the code sets one. Usernames and codes keep their ASCII characters whatever the digits option.
 */
export function accountSheetDocument(rows: readonly AccountSheetRow[], options: AccountSheetOptions): TDocumentDefinitions {
  const t = formText(options.digits);
  // Each district office receives only its own codes: one page per district (accounts of no
  // district, a province's or the department's, share a page of their own).
  const groups = new Map<string, AccountSheetRow[]>();
  for (const r of rows) {
    const key = r.districtCode ?? `~${r.districtNameTh}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const content: Content[] = [];
  [...groups.values()].forEach((group, page) => {
    const body: TableCell[][] = [
      ['ที่', 'หน่วยงาน', 'ชื่อผู้ใช้งาน', 'รหัสเปิดใช้งาน (ใช้ได้ครั้งเดียว)', 'ใช้ได้ถึง'].map((text) => ({ text, style: 'tableHeader', fontSize: 10 })),
    ];
    group.forEach((r, i) => {
      body.push([
        { text: t.d(i + 1), alignment: 'center' },
        r.districtCode ? `${r.districtNameTh} (${r.districtCode})` : r.districtNameTh,
        { text: r.username, noWrap: true },
        { text: r.activationCode, bold: true, fontSize: 12, noWrap: true },
        t.date(bangkokDate(new Date(r.expiresAt)), 'short'),
      ]);
    });
    content.push(
      { text: ACCOUNT_SHEET_TITLE, style: 'title', ...(page > 0 ? { pageBreak: 'before' as const } : {}) },
      { text: [options.scopeTh, group[0]!.districtNameTh].filter(Boolean).join(' '), style: 'subtitle' },
      { text: `ออกรหัสเมื่อ ${t.dateTime(options.issuedAt)} · สำหรับ${group[0]!.districtNameTh}เท่านั้น`, alignment: 'center', margin: [0, 2, 0, 10] },
      {
        stack: [
          'เข้าสู่ระบบด้วยชื่อผู้ใช้งานและรหัสเปิดใช้งานของหน่วยงานตามตารางนี้ ภายในวันที่กำหนด',
          'เมื่อเข้าสู่ระบบครั้งแรก ระบบจะให้ตั้งรหัสผ่านใหม่ทันที และรหัสเปิดใช้งานจะใช้ไม่ได้อีก',
          'เอกสารนี้ไม่มีรหัสผ่าน ระบบไม่เก็บรหัสเปิดใช้งานไว้ และพิมพ์ซ้ำไม่ได้ หากสูญหายหรือหมดอายุ ให้ผู้ดูแลระบบออกรหัสใหม่',
          'เก็บรักษาเอกสารนี้เป็นความลับ และส่งให้เฉพาะผู้รับผิดชอบของหน่วยงานนี้',
        ].map((text, i): Content => ({ columns: [{ width: 18, text: `${t.d(i + 1)}.` }, { width: '*', text }] })),
        margin: [0, 0, 0, 10],
        fontSize: 11,
      },
      {
        table: { headerRows: 1, dontBreakRows: true, widths: [24, '*', 'auto', 'auto', 70], body },
        layout: FORM_TABLE_LAYOUT,
        fontSize: 11,
      },
    );
  });
  return {
    info: { title: ACCOUNT_SHEET_TITLE, subject: 'OTOP account activation codes' },
    styles: FORM_STYLES,
    content,
  };
}
