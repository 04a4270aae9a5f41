import type { Content, ContentColumns, TDocumentDefinitions } from 'pdfmake/interfaces';
import { areaUnits, sendingOffice } from '../../domain/area-units.ts';
import { FORM_STYLES } from './form-styles.ts';
import { formText, type FormDigits } from './form-text.ts';
import { GARUDA_SPACE, officialSignature } from './official-signature.ts';
import { keepTogether } from './keep-together.ts';
import { periodLabel } from './period-label.ts';
import { PROVINCE_ABBREVIATIONS } from './province-abbreviations.ts';
import { thaiDateRange } from './thai-date-range.ts';

export interface CoveringLetterInput {
  provinceCode: string;
  provinceNameTh: string;
  /** The capital district (where the provincial hall is) and its postal code, for the address. */
  capitalDistrictNameTh: string | null;
  postalCode: string | null;
  fiscalYear: number;
  quarter: number;
  /** The letter's date, ISO (Bangkok). */
  date: string;
  /** The round's district-registration window (step 1) and province-certification window (step 2). */
  registration: { startDate: string; endDate: string } | null;
  certification: { startDate: string; endDate: string } | null;
  /** The sending office as an admin set it (office profile), or null: then the office is named from the province. */
  office: LetterOffice | null;
}

/** The sending office printed on the letter: its name, address, phone, e-mail, signer and emblem. */
export interface LetterOffice {
  nameTh: string;
  address: string;
  phone: string;
  email: string;
  /** The position lines under the signer's name, or null for the province's default. */
  signerPosition: readonly string[] | null;
  /** A data: URL of the PNG or JPEG, with its pixel size (for its printed proportions). */
  emblem: { dataUrl: string; width: number; height: number } | null;
}

export interface CoveringLetterEnclosure {
  /** As listed under สิ่งที่ส่งมาด้วย. */
  title: string;
  /** How many copies go with the letter (one per district for the forms and account sheets). */
  count: number;
  /** 'ฉบับ' for one document, 'ชุด' for a set of forms. */
  unit: 'ฉบับ' | 'ชุด';
}

export interface CoveringLetterOptions {
  digits?: FormDigits;
}

export const LETTER_SUBJECT = 'การลงทะเบียนผู้ผลิตผู้ประกอบการ OTOP';
/** The urgency line of the letter, as the seed's letter is marked. */
export const LETTER_URGENCY = 'ด่วนที่สุด';
// ๐๐๑๙.๓: the provincial community-development office's file code, as in the source letter.
const OFFICE_FILE_CODE = '0019.3';
const INDENT = 72; // 2.5 cm first-line indent

/** A label and its text, the text's continuation lines aligned under its first (เรื่อง, เรียน …). */
function labelled(label: string, text: Content, labelWidth = 46): ContentColumns {
  return { columns: [{ width: labelWidth, text: label }, { width: '*', stack: [text] }], columnGap: 0 };
}

/**
 * The covering letter of a round in the official Thai external-letter layout (หนังสือภายนอก,
 * as the source letter of 31 August 2560 is laid out): room for the Garuda, ที่ with the number
 * left for the registry clerk, the issuing office and its address, the date, เรื่อง, เรียน,
 * อ้างถึง (the number and date left blank), สิ่งที่ส่งมาด้วย listing the enclosures, the body
 * naming the round's windows, ขอแสดงความนับถือ, a signature block with a blank name line and the
 * signer's position (the office profile's, or the province's default), and
 * the office's contact lines (phone and e-mail from the office profile). Marked ด่วนที่สุด, with
 * the office's emblem at the top when one is set. The enclosures are listed with their counts
 * and produced as documents of their own (each numbered from its first page), not as pages of
 * the letter.
 */
export function coveringLetterDocument(
  input: CoveringLetterInput,
  enclosures: readonly CoveringLetterEnclosure[],
  options: CoveringLetterOptions = {},
): TDocumentDefinitions {
  const t = formText(options.digits);
  const p = input.provinceNameTh;
  const abbr = PROVINCE_ABBREVIATIONS[input.provinceCode] ?? '';
  const fileNo = `${abbr ? `${abbr} ` : ''}${t.d(OFFICE_FILE_CODE)}`;
  const period = periodLabel(input.fiscalYear, input.quarter, t);
  const units = areaUnits(input.provinceCode);
  const profile = input.office;
  const sender = sendingOffice(input.provinceCode, p);
  const office = profile?.nameTh ?? sender.office;
  const addressLines = profile
    ? [t.d(profile.address)]
    : [
        sender.hall,
        [input.capitalDistrictNameTh ? `${units.district}${input.capitalDistrictNameTh}` : '', abbr || `${units.province}${p}`, input.postalCode ? t.d(input.postalCode) : '']
          .filter(Boolean)
          .join(' '),
      ];

  const registration = input.registration ? thaiDateRange(input.registration.startDate, input.registration.endDate, t) : null;
  const certification = input.certification ? thaiDateRange(input.certification.startDate, input.certification.endDate, t) : null;
  const reportBy = input.registration ? t.date(input.registration.endDate) : null;

  const body: string[] = [
    `ตามหนังสือที่อ้างถึง ${units.province}${p}ได้แจ้งให้${units.district}ดำเนินการลงทะเบียนผู้ผลิตผู้ประกอบการ OTOP ตามที่คณะกรรมการอำนวยการหนึ่งตำบล หนึ่งผลิตภัณฑ์แห่งชาติ (กอ.นตผ.) มีคำสั่งเห็นชอบให้กรมการพัฒนาชุมชนดำเนินการลงทะเบียนผู้ผลิตผู้ประกอบการ OTOP เป็นประจำทุกปี ความละเอียดแจ้งแล้ว นั้น`,
    `ในการนี้ ${units.province}${p}ขอให้ท่านมอบหมายให้${units.registeringOffice} ดำเนินการลงทะเบียนผู้ผลิตผู้ประกอบการ OTOP ${period} ในระบบออนไลน์${registration ? ` ระหว่างวันที่ ${registration}` : ''} ตามแผนที่กำหนด (สิ่งที่ส่งมาด้วย ${t.d(1)}) โดยใช้ชื่อผู้ใช้งานและรหัสเปิดใช้งานของแต่ละ${units.district} (สิ่งที่ส่งมาด้วย ${t.d(3)}) ตามแนวทางการลงทะเบียน (สิ่งที่ส่งมาด้วย ${t.d(4)}) และรายงานผลตามแบบรายงานฯ (สิ่งที่ส่งมาด้วย ${t.d(2)}) ให้${units.self}ทราบ${reportBy ? ` ภายในวันที่ ${reportBy}` : ''}${certification ? ` เพื่อ${units.self}จะได้ตรวจสอบและรับรองข้อมูลในระบบออนไลน์ระหว่างวันที่ ${certification} ต่อไป` : ''}`,
    'จึงเรียนมาเพื่อโปรดพิจารณาดำเนินการ',
  ];

  // The urgency at the top left, beside the emblem's space; the office's emblem, when set,
  // stands where the Garuda goes, no taller than that space.
  const emblem: Content = profile?.emblem
    ? { image: profile.emblem.dataUrl, fit: [Math.min(54, (54 * profile.emblem.width) / profile.emblem.height), 54], alignment: 'center' }
    : GARUDA_SPACE;
  const letter: Content[] = [
    {
      columns: [
        { width: 110, text: LETTER_URGENCY, bold: true, fontSize: 16 },
        { width: '*', stack: [emblem] },
        { width: 110, text: '' },
      ],
      margin: [0, 0, 0, 0],
    },
    {
      columns: [
        { width: '*', text: `ที่ ${fileNo}/` },
        { width: 200, stack: [office, ...addressLines] },
      ],
      margin: [0, 0, 0, 10],
    },
    { columns: [{ width: '50%', text: '' }, { width: '*', text: t.date(input.date) }], margin: [0, 0, 0, 10] },
    { ...labelled('เรื่อง', { text: keepTogether(`${LETTER_SUBJECT} ${period}`) }), margin: [0, 0, 0, 6] },
    { ...labelled('เรียน', units.addressee), margin: [0, 0, 0, 6] },
    {
      ...labelled('อ้างถึง', {
        columns: [
          { width: 'auto', text: `หนังสือ${units.province}${p} ที่ ${fileNo}/ว` },
          { width: 70, text: '' },
          { width: 'auto', text: 'ลงวันที่' },
          { width: '*', text: '' },
        ],
      }),
      margin: [0, 0, 0, 6],
    },
    {
      ...labelled(
        'สิ่งที่ส่งมาด้วย',
        {
          stack: enclosures.map((e, i) => ({
            columns: [
              { width: '*', text: keepTogether(`${t.d(i + 1)}. ${e.title}`) },
              { width: 80, text: `จำนวน ${t.d(e.count)} ${e.unit}` },
            ],
          })),
        },
        84,
      ),
      margin: [0, 0, 0, 10],
    },
    ...body.map((text) => ({ text: keepTogether(text), leadingIndent: INDENT, margin: [0, 0, 0, 4] as [number, number, number, number] })),
    { columns: [{ width: '40%', text: '' }, { width: '*', text: 'ขอแสดงความนับถือ', alignment: 'center' }], margin: [0, 10, 0, 0] },
    officialSignature(profile?.signerPosition ?? sender.signature),
    {
      unbreakable: true,
      margin: [0, 14, 0, 0],
      stack: [
        office,
        'กลุ่มงานส่งเสริมการพัฒนาชุมชน',
        `โทร./โทรสาร ${profile ? t.d(profile.phone) : ''}`.trim(),
        ...(profile ? [`ไปรษณีย์อิเล็กทรอนิกส์ ${profile.email}`] : []),
      ],
    },
  ];

  return {
    info: { title: `${LETTER_SUBJECT} ${period} ${units.province}${p}`, subject: 'OTOP covering letter with enclosures' },
    styles: FORM_STYLES,
    defaultStyle: { fontSize: 13 },
    content: letter,
  };
}
