import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { areaUnits, type AreaUnits } from '../../domain/area-units.ts';
import { PRODUCER_TYPES, type ProducerTypeCode } from '../../domain/producer-types.ts';
import { PRODUCT_CATEGORIES, type CategoryCode } from '../../domain/product-categories.ts';
import { FORM_STYLES } from './form-styles.ts';
import { FORM_TABLE_LAYOUT } from './form-table-layout.ts';
import { formText, type FormDigits } from './form-text.ts';
import { GARUDA_SPACE, officialSignature } from './official-signature.ts';
import { keepTogether } from './keep-together.ts';
import { periodLabel } from './period-label.ts';

export interface CertificationRegistration {
  producerName: string;
  producerType: ProducerTypeCode;
  subdistrictNameTh: string | null;
  products: readonly { name: string; category: CategoryCode }[];
}

export interface CertificationDistrict {
  code: string;
  nameTh: string;
  /** Whether the province has certified the district's data for the round. */
  certified: boolean;
  /** Registrations of the round (certified districts only). */
  registrations: readonly CertificationRegistration[];
}

export interface CertificationInput {
  /** The province's code, which says what its units are called (Bangkok: เขต and แขวง). */
  provinceCode?: string | null;
  provinceNameTh: string;
  fiscalYear: number;
  quarter: number;
  /** The date the announcement is made, ISO (Bangkok). */
  issuedOn: string;
  districts: readonly CertificationDistrict[];
}

export interface CertificationOptions {
  digits?: FormDigits;
}

export const CERTIFICATION_SUBJECT = 'รับรองข้อมูลผลการลงทะเบียนผู้ผลิตผู้ประกอบการ OTOP';

const TYPE_TH = new Map(PRODUCER_TYPES.map((p) => [p.code, p.th]));
const CATEGORY_TH = new Map(PRODUCT_CATEGORIES.map((c) => [c.code, c.th]));
const INDENT = 72; // first-line indent of official prose: 2.5 cm

/**
 * The provincial certification announcement (ประกาศจังหวัด… เรื่อง รับรองข้อมูลผลการลงทะเบียน
 * ผู้ผลิตผู้ประกอบการ OTOP) of one round, and its annex: the certified producers and their
 * products, district by district. Only districts the province has certified are announced;
 * the others are named as still pending. No citizen IDs: an announcement is public.
 */
export function certificationDocument(input: CertificationInput, options: CertificationOptions = {}): TDocumentDefinitions {
  const t = formText(options.digits);
  const period = periodLabel(input.fiscalYear, input.quarter, t);
  const units = areaUnits(input.provinceCode);
  // 'จังหวัดบึงกาฬ', but Bangkok is named alone: 'กรุงเทพมหานคร'.
  const province = input.provinceNameTh;
  const P = `${units.province}${province}`;
  const certified = input.districts.filter((d) => d.certified);
  const pending = input.districts.filter((d) => !d.certified);
  const producers = certified.reduce((n, d) => n + d.registrations.length, 0);
  const products = certified.reduce((n, d) => n + d.registrations.reduce((m, r) => m + r.products.length, 0), 0);
  const subject = `${CERTIFICATION_SUBJECT} ${period}`;
  // One way of writing the date, in the announcement and its annex alike: ๒๘ ธันวาคม พ.ศ. ๒๕๖๐.
  const announcedOn = `ประกาศ ณ วันที่ ${t.date(input.issuedOn).replace(/ (\S+)$/, ' พ.ศ. $1')}`;

  const announcement: Content[] = [
    GARUDA_SPACE,
    { text: `ประกาศ${P}`, bold: true, alignment: 'center' },
    { text: keepTogether(`เรื่อง ${subject}`), bold: true, alignment: 'center' },
    { canvas: [{ type: 'line', x1: 0, y1: 0, x2: 120, y2: 0, lineWidth: 0.75 }], alignment: 'center', margin: [0, 6, 0, 12] },
    {
      text: `ตามที่คณะกรรมการอำนวยการหนึ่งตำบล หนึ่งผลิตภัณฑ์แห่งชาติ (กอ.นตผ.) มีคำสั่งเห็นชอบให้กรมการพัฒนาชุมชนดำเนินการลงทะเบียนผู้ผลิตผู้ประกอบการ OTOP เป็นประจำทุกปี โดยให้อำเภอลงทะเบียนผู้ผลิตผู้ประกอบการ OTOP ในระบบออนไลน์ และให้จังหวัดตรวจสอบ รับรองข้อมูลในระบบออนไลน์ และประกาศรับรองข้อมูลผลการลงทะเบียน นั้น`,
      leadingIndent: INDENT,
      margin: [0, 0, 0, 8],
    },
    {
      text: keepTogether(
        certified.length > 0
          ? `${P}ได้ตรวจสอบข้อมูลผลการลงทะเบียนผู้ผลิตผู้ประกอบการ OTOP ${period} แล้ว จึงประกาศรับรองข้อมูลผลการลงทะเบียนของ${units.district}ที่ได้รับการรับรอง จำนวน ${t.d(certified.length)} ${units.district} จากทั้งหมด ${t.d(input.districts.length)} ${units.district} มีผู้ผลิตผู้ประกอบการ OTOP จำนวน ${t.n(producers)} ราย ผลิตภัณฑ์ จำนวน ${t.n(products)} รายการ รายละเอียดตามบัญชีแนบท้ายประกาศนี้`
          : `${P}ยังไม่ได้รับรองข้อมูลผลการลงทะเบียนผู้ผลิตผู้ประกอบการ OTOP ${period} ของ${units.district}ใด จึงยังไม่มีรายการที่ประกาศรับรอง`,
      ),
      leadingIndent: INDENT,
      margin: [0, 0, 0, 8],
    },
  ];
  if (pending.length > 0 && certified.length > 0) {
    announcement.push({
      text: `สำหรับ${units.district}ที่ยังไม่ได้รับการรับรองข้อมูล ได้แก่ ${pending.map((d) => `${units.district}${d.nameTh}`).join(' ')} จังหวัดจะประกาศรับรองเพิ่มเติมเมื่อได้ตรวจสอบและรับรองข้อมูลแล้ว`,
      leadingIndent: INDENT,
      margin: [0, 0, 0, 8],
    });
  }
  announcement.push(
    { text: 'ทั้งนี้ ตั้งแต่บัดนี้เป็นต้นไป', leadingIndent: INDENT, margin: [0, 0, 0, 16] },
    {
      columns: [{ width: '40%', text: '' }, { width: '*', text: announcedOn }],
      margin: [0, 0, 0, 0],
    },
    officialSignature([`ผู้ว่าราชการ${P}`]),
  );

  const annex: Content[] = [
    { text: `บัญชีแนบท้ายประกาศ${P}`, style: 'subtitle', pageBreak: 'before' },
    { text: keepTogether(`เรื่อง ${subject}`), style: 'subtitle' },
    { text: announcedOn, alignment: 'center', margin: [0, 0, 0, 10] },
    summaryTable(input.districts, t, units),
  ];
  for (const d of certified) annex.push(districtTable(d, t, units));

  return {
    info: { title: `ประกาศ${P} เรื่อง ${subject}`, subject: 'OTOP provincial certification announcement' },
    styles: FORM_STYLES,
    defaultStyle: { fontSize: 13 },
    content: [...announcement, ...annex],
  };
}

function summaryTable(districts: readonly CertificationDistrict[], t: ReturnType<typeof formText>, units: AreaUnits): Content {
  const body: TableCell[][] = [
    ['ที่', units.district, 'ผลการรับรอง', 'ผู้ผลิตผู้ประกอบการ (ราย)', 'ผลิตภัณฑ์ (รายการ)'].map((text) => ({ text, style: 'tableHeader', fontSize: 10 })),
  ];
  let producers = 0;
  let products = 0;
  districts.forEach((d, i) => {
    const p = d.certified ? d.registrations.length : 0;
    const q = d.certified ? d.registrations.reduce((m, r) => m + r.products.length, 0) : 0;
    producers += p;
    products += q;
    body.push([
      { text: t.d(i + 1), alignment: 'center' },
      d.nameTh,
      d.certified ? 'รับรองแล้ว' : 'ยังไม่ได้รับรอง',
      { text: d.certified ? t.n(p) : '-', alignment: 'right' },
      { text: d.certified ? t.n(q) : '-', alignment: 'right' },
    ]);
  });
  body.push([
    { text: 'รวม', colSpan: 3, bold: true, alignment: 'center', fillColor: '#e8e8e8' },
    {},
    {},
    { text: t.n(producers), bold: true, alignment: 'right', fillColor: '#e8e8e8' },
    { text: t.n(products), bold: true, alignment: 'right', fillColor: '#e8e8e8' },
  ]);
  return {
    table: { headerRows: 1, dontBreakRows: true, widths: [24, '*', 90, 90, 80], body },
    layout: FORM_TABLE_LAYOUT,
    fontSize: 11,
    margin: [0, 0, 0, 12],
  };
}

function districtTable(d: CertificationDistrict, t: ReturnType<typeof formText>, units: AreaUnits): Content {
  const products = d.registrations.reduce((m, r) => m + r.products.length, 0);
  const head = (text: string): TableCell => ({ text, style: 'tableHeader', fontSize: 10 });
  const body: TableCell[][] = [
    [
      {
        text: `${units.district}${d.nameTh}: ผู้ผลิตผู้ประกอบการ ${t.n(d.registrations.length)} ราย ผลิตภัณฑ์ ${t.n(products)} รายการ`,
        colSpan: 5,
        bold: true,
        fontSize: 11,
      },
      {}, {}, {}, {},
    ],
    [head('ที่'), head('ชื่อผู้ผลิตผู้ประกอบการ'), head('ประเภทผู้ผลิต'), head(units.subdistrict), head('ผลิตภัณฑ์ (ประเภทผลิตภัณฑ์)')],
  ];
  d.registrations.forEach((r, i) => {
    body.push([
      { text: t.d(i + 1), alignment: 'center' },
      r.producerName,
      TYPE_TH.get(r.producerType) ?? r.producerType,
      r.subdistrictNameTh ?? '',
      { stack: r.products.map((p) => `${p.name} (${CATEGORY_TH.get(p.category) ?? p.category})`) },
    ]);
  });
  return {
    table: { headerRows: 2, keepWithHeaderRows: 1, dontBreakRows: true, widths: [24, '*', 88, 62, 140], body },
    layout: FORM_TABLE_LAYOUT,
    fontSize: 10,
    margin: [0, 0, 0, 12],
  };
}
