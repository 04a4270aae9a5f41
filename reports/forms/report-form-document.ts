import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { PRODUCER_TYPES, type ProducerTypeCode } from '../../domain/producer-types.ts';
import { PRODUCT_CATEGORIES, type CategoryCode } from '../../domain/product-categories.ts';
import {
  DISTRICT_ROUND_STATE_LABELS,
  PROVINCE_ROUND_STATE_LABELS,
  type DistrictRoundState,
  type ProvinceRoundState,
} from '../../domain/round-state.ts';
import { areaUnits } from '../../domain/area-units.ts';
import { bangkokDate } from '../../domain/timeliness.ts';
import { FORM_STYLES } from './form-styles.ts';
import { FORM_TABLE_LAYOUT } from './form-table-layout.ts';
import { formText, type FormDigits, type FormText } from './form-text.ts';
import { numberColumnWidth } from './number-column-width.ts';
import { periodLabel } from './period-label.ts';
import { signatureBlock } from './signature-block.ts';

export const REPORT_FORM_TITLE = 'แบบรายงานการลงทะเบียนผู้ผลิตผู้ประกอบการ OTOP';
/** The label of the totals row; the word the reconciliation reads the totals by. */
export const REPORT_FORM_TOTAL_LABEL = 'รวมทั้งสิ้น';

export interface ReportFormCounts {
  producersByType: Readonly<Record<ProducerTypeCode, number>>;
  producers: number;
  productsByCategory: Readonly<Record<CategoryCode, number>>;
  products: number;
  newProducers: number;
  renewedProducers: number;
  /** Producers of the comparison period: the same quarter of the previous fiscal year, or the whole previous year. */
  previousProducers: number;
}

/** Workflow state printed beside a row. */
export type ReportFormRowState =
  | { kind: 'district'; state: DistrictRoundState }
  | { kind: 'province'; state: ProvinceRoundState; certified: number; districts: number }
  | { kind: 'rounds'; action: 'certified' | 'announced'; done: number; of: number };

export interface ReportFormRow extends ReportFormCounts {
  code: string;
  nameTh: string;
  state: ReportFormRowState | null;
}

/** Every district of the nation: one group per province, its totals first, then its districts. */
export interface ReportFormGroup extends ReportFormRow {
  rows: readonly ReportFormRow[];
}

/** The workflow state of the reported area, one entry per round. */
export type ReportFormStatus =
  | { kind: 'district'; quarter: number; state: DistrictRoundState; provinceState: ProvinceRoundState; submittedAt: string | null; certifiedAt: string | null }
  | { kind: 'province'; quarter: number; state: ProvinceRoundState; districts: number; submitted: number; certified: number }
  | { kind: 'nation'; quarter: number; provinces: number; reported: number; announced: number; districts: number; certified: number };

export interface ReportFormInput {
  /** Rows are subdistricts of a district, districts of a province, or provinces of the nation. */
  level: 'district' | 'province' | 'nation';
  /** The province's code, which says what its units are called (Bangkok: เขต and แขวง). */
  provinceCode?: string | null;
  districtNameTh: string | null;
  provinceNameTh: string | null;
  fiscalYear: number;
  /** A round's quarter, or null for the whole fiscal year. */
  quarter: number | null;
  asOf: Date;
  rows: readonly ReportFormRow[];
  /** National form with every district (replaces rows). */
  groups?: readonly ReportFormGroup[];
  total: ReportFormCounts;
  status: readonly ReportFormStatus[];
  /**
   * Whether the comparison period had registration (a round of that quarter, or any round of
   * the previous fiscal year). When not, there is nothing to compare with: the two columns
   * print "–", never 0 and a change equal to the whole count.
   */
  comparable?: boolean;
  /**
   * The blank form a district fills in (the covering letter's enclosure 2): its rows named,
   * every number cell empty, no status, no "as of" time.
   */
  blank?: boolean;
}

/** What the comparison columns print where there is no comparable round. */
export const NOT_COMPARABLE = '\u2013';

export interface ReportFormOptions {
  digits?: FormDigits;
}

// A count column is as wide as its figures, never narrower than this. Its header's words
// (เครื่องดื่ม, เครื่องแต่งกาย …) are not the builder's to measure: the layout engine widens the
// columns whose header words need it, out of the room the name column can spare while keeping
// its longest name whole, and sets a header smaller (not under 7 pt) where that room runs out
// (layout-thai-document.ts, HEADER_FONT_FLOOR).
const COUNT_COLUMN_MIN = 24;
const SARABUN_ASCENT_EM = 1.068;
// The state column holds short phrases ("จังหวัดรับรองแล้ว", "รับรอง ๔/๔ ไตรมาส") on two or
// three lines: its width is room the names and header words need more (the nation's most).
const STATE_COLUMN_WIDTH = { province: 46, nation: 40 } as const;
// A district under its province is set in by this much (the national form with every district).
const MEMBER_INDENT = 4;

function rowLabel(input: ReportFormInput): string {
  const units = areaUnits(input.provinceCode);
  return input.level === 'district' ? units.subdistrict : input.level === 'province' ? units.district : 'จังหวัด';
}

/** The numbers of one row, in column order (the order the reconciliation reads them back in). */
export function reportFormNumbers(c: ReportFormCounts): number[] {
  return [
    ...PRODUCER_TYPES.map((p) => c.producersByType[p.code]),
    c.producers,
    ...PRODUCT_CATEGORIES.map((k) => c.productsByCategory[k.code]),
    c.products,
    c.newProducers,
    c.renewedProducers,
    c.previousProducers,
    c.producers - c.previousProducers,
  ];
}

function numberTexts(c: ReportFormCounts, t: FormText, comparable: boolean): string[] {
  const n = reportFormNumbers(c);
  return n.map((v, i) => (i >= n.length - 2 && !comparable ? NOT_COMPARABLE : i === n.length - 1 ? t.signed(v) : t.n(v)));
}

function rowStateText(s: ReportFormRowState | null, t: FormText, district = 'อำเภอ'): string {
  if (!s) return '';
  if (s.kind === 'district') return DISTRICT_ROUND_STATE_LABELS[s.state].th;
  if (s.kind === 'province') return `${PROVINCE_ROUND_STATE_LABELS[s.state].th} (${district}รับรอง ${t.d(s.certified)}/${t.d(s.districts)})`;
  return `${s.action === 'certified' ? 'รับรอง' : 'ประกาศ'} ${t.d(s.done)}/${t.d(s.of)} ไตรมาส`;
}

function statusText(s: ReportFormStatus, t: FormText, district = 'อำเภอ'): string {
  const q = `ไตรมาส ${t.d(s.quarter)}: `;
  // Short dates with a two-digit year, as Thai forms write them in tight places: ๒๐ ธ.ค. ๖๐.
  const day = (iso: string | null) => (iso ? t.date(bangkokDate(new Date(iso)), 'short').replace(/\S\S(\S\S)$/u, '$1') : '');
  if (s.kind === 'district') {
    const when = [
      s.submittedAt && s.state !== 'open' ? `ส่ง ${day(s.submittedAt)}` : '',
      s.certifiedAt && s.state === 'certified' ? `รับรอง ${day(s.certifiedAt)}` : '',
    ].filter(Boolean);
    return `${q}${DISTRICT_ROUND_STATE_LABELS[s.state].th}${when.length ? ` (${when.join(' ')})` : ''} · ${PROVINCE_ROUND_STATE_LABELS[s.provinceState].th}`;
  }
  if (s.kind === 'province') {
    return `${q}${district}ส่งข้อมูลแล้ว ${t.d(s.submitted)}/${t.d(s.districts)} · ${district === 'เขต' ? 'กรุงเทพมหานคร' : 'จังหวัด'}รับรองแล้ว ${t.d(s.certified)}/${t.d(s.districts)} ${district} · ${PROVINCE_ROUND_STATE_LABELS[s.state].th}`;
  }
  return `${q}จังหวัดรับรองแล้ว ${t.d(s.certified)}/${t.d(s.districts)} อำเภอ · รายงานกรมฯ แล้ว ${t.d(s.reported)}/${t.d(s.provinces)} จังหวัด · กรมฯ ประกาศรับรองแล้ว ${t.d(s.announced)}/${t.d(s.provinces)} จังหวัด`;
}

function areaLine(input: ReportFormInput): string {
  const units = areaUnits(input.provinceCode);
  if (input.level === 'district') return `${units.district}${input.districtNameTh ?? ''} ${units.province}${input.provinceNameTh ?? ''}`;
  if (input.level === 'province') return `${units.province}${input.provinceNameTh ?? ''}`;
  return 'ทั่วประเทศ';
}

/**
 * The registration report form (แบบรายงานการลงทะเบียนผู้ผลิตผู้ประกอบการ OTOP) of a district
 * (rows per subdistrict), a province (rows per district) or the nation (rows per province, or
 * every district grouped under its province), for a round or a whole fiscal year: producers
 * by the three types, products by the five categories, new and renewed producers, the change
 * against the previous fiscal year, a totals row, the workflow state, the "as of" time and the
 * reporter's signature block. Both header rows repeat on every page.
 */
export function reportFormDocument(input: ReportFormInput, options: ReportFormOptions = {}): TDocumentDefinitions {
  const t = formText(options.digits);
  const withState = input.level !== 'district' && !input.blank;
  // A province's and the nation's figures run to four and six digits in 13 columns beside the
  // names: at 10 pt (the district form's size) the row would need more than the landscape page.
  // The national list of every district (a reference listing, not a paper anyone signs) is the
  // tightest: its longest names (เมืองนครศรีธรรมราช) and header words fit whole only at 7.5 pt.
  const fontSize = input.level === 'nation' ? (input.groups ? 7.5 : 8.5) : input.level === 'province' ? 9 : 10;
  const period = periodLabel(input.fiscalYear, input.quarter, t);
  const previous =
    input.quarter === null
      ? `ปีงบประมาณ ${t.year(input.fiscalYear - 1)}`
      : `ไตรมาส ${t.d(input.quarter)} ปีงบประมาณ ${t.year(input.fiscalYear - 1)}`;

  // Rows in print order: [kind, row]
  const printed: { kind: 'row' | 'group' | 'member'; row: ReportFormRow; index: number | null }[] = [];
  if (input.groups) {
    input.groups.forEach((g, i) => {
      printed.push({ kind: 'group', row: g, index: i + 1 });
      for (const d of g.rows) printed.push({ kind: 'member', row: d, index: null });
    });
  } else {
    input.rows.forEach((r, i) => printed.push({ kind: 'row', row: r, index: i + 1 }));
  }

  const comparable = input.comparable ?? true;
  const blank = input.blank ?? false;
  const numbers = (c: ReportFormCounts) => (blank ? numberTexts(c, t, true).map(() => '') : numberTexts(c, t, comparable));
  const texts = printed.map((p) => numbers(p.row));
  const totalTexts = numbers(input.total);
  const columns = totalTexts.length;
  const widths: (number | string)[] = [
    numberColumnWidth([t.d(Math.max(1, printed.length))], fontSize, 14),
    '*',
    ...Array.from({ length: columns }, (_, c) =>
      numberColumnWidth([...texts.map((r) => r[c] ?? ''), totalTexts[c] ?? ''], fontSize * 1.03, COUNT_COLUMN_MIN),
    ),
  ];
  if (withState) widths.push(STATE_COLUMN_WIDTH[input.level === 'nation' ? 'nation' : 'province']);

  const h = (text: string, extra: Record<string, unknown> = {}): TableCell => ({ text, style: 'tableHeader', ...extra });
  const top: TableCell[] = [
    h('ที่', { rowSpan: 2 }),
    h(input.groups ? 'จังหวัด/อำเภอ' : rowLabel(input), { rowSpan: 2 }),
    h('ผู้ผลิต ผู้ประกอบการ (ราย)', { colSpan: 4 }), {}, {}, {},
    h('ผลิตภัณฑ์ (รายการ)', { colSpan: 6 }), {}, {}, {}, {}, {},
    h('การลงทะเบียน (ราย)', { colSpan: 2 }), {},
    h(`เทียบกับ${previous}`, { colSpan: 2 }), {},
  ];
  const second: TableCell[] = [
    {}, {},
    ...PRODUCER_TYPES.map((p) => h(p.th)),
    h('รวม'),
    ...PRODUCT_CATEGORIES.map((c) => h(c.th)),
    h('รวม'),
    h('รายใหม่'),
    h('รายเดิม (ต่ออายุ)'),
    h('ผู้ผลิตฯ (ราย)'),
    h('เพิ่ม/ลด (ราย)'),
  ];
  if (withState) {
    top.push(h('สถานะ', { rowSpan: 2 }));
    second.push({});
  }

  const body: TableCell[][] = [top, second];
  printed.forEach((p, i) => {
    const group = p.kind === 'group';
    const cells: TableCell[] = [
      { text: p.index === null ? '' : t.d(p.index), alignment: 'center', bold: group },
      { text: p.row.nameTh, bold: group, margin: p.kind === 'member' ? [MEMBER_INDENT, 0, 0, 0] : [0, 0, 0, 0] },
      ...(texts[i] ?? []).map((text) => ({ text, style: 'number', bold: group })),
    ];
    // Set 1.5 pt smaller than the figures, the state would sit at the top of its cell: above
    // the row's baseline and against the rule. Moved down by the difference in ascent
    // (Sarabun's is 1.068 em), it shares the figures' baseline.
    if (withState) cells.push({ text: rowStateText(p.row.state, t, areaUnits(input.provinceCode).district), fontSize: fontSize - 1.5, margin: [0, 1.5 * SARABUN_ASCENT_EM, 0, 0] });
    if (group) for (const cell of cells) (cell as { fillColor?: string }).fillColor = '#f2f2f2';
    body.push(cells);
  });
  const totalRow: TableCell[] = [
    { text: REPORT_FORM_TOTAL_LABEL, colSpan: 2, style: 'totalRow', alignment: 'center', fillColor: '#e8e8e8' },
    {},
    ...totalTexts.map((text) => ({ text, style: ['number', 'totalRow'], fillColor: '#e8e8e8' })),
  ];
  if (withState) totalRow.push({ text: '', fillColor: '#e8e8e8' });
  body.push(totalRow);

  const title = `${REPORT_FORM_TITLE} ${period} ${areaLine(input)}`;
  const statusLines = input.status.length > 0 ? input.status.map((s) => statusText(s, t, areaUnits(input.provinceCode).district)) : ['ยังไม่มีรอบการลงทะเบียนในแผน'];
  // Two rounds to a line: the four of a year take two lines, and the table keeps its room.
  const statusRows: Content[] = [];
  for (let i = 0; i < statusLines.length; i += 2) {
    statusRows.push({ columns: [{ width: '*', text: statusLines[i] ?? '' }, { width: '*', text: statusLines[i + 1] ?? '' }], columnGap: 12, margin: [12, 0, 0, 0] });
  }
  const meta: Content = blank
    ? { text: 'กรอกจำนวนในแต่ละช่อง แล้วรวมในแถวรวมทั้งสิ้น', style: 'meta', margin: [0, 0, 0, 4] }
    : {
      style: 'meta',
      margin: [0, 0, 0, 4],
      stack: [
        { text: [{ text: `ข้อมูล ณ วันที่ ${t.dateTime(input.asOf)}` }, { text: '    สถานะการดำเนินงาน', bold: true }] },
        { stack: statusRows, fontSize: 9 },
      ],
    };
  const content: Content[] = [
    { text: REPORT_FORM_TITLE, style: 'title' },
    { text: `${period} ${areaLine(input)}`, style: 'subtitle', margin: [0, 0, 0, 4] },
    meta,
    {
      table: { headerRows: 2, dontBreakRows: true, widths, body },
      layout: FORM_TABLE_LAYOUT,
      fontSize,
    },
    signatureBlock('ผู้รายงาน', {
      style: 'note',
      stack: [
        { text: `หมายเหตุ: รายใหม่ คือ ผู้ผลิตผู้ประกอบการที่ไม่ได้ลงทะเบียนในปีงบประมาณ ${t.year(input.fiscalYear - 1)}; รายเดิม (ต่ออายุ) คือ ผู้ที่ลงทะเบียนแล้วในปีงบประมาณ ${t.year(input.fiscalYear - 1)} และลงทะเบียนอีกครั้งในปีนี้` },
        { text: `เพิ่ม/ลด คือ จำนวนผู้ผลิตผู้ประกอบการของ${period} ลบด้วยจำนวนของ${previous}` },
        ...(comparable || blank ? [] : [{ text: `${NOT_COMPARABLE} คือ ${previous}ไม่มีรอบการลงทะเบียน จึงไม่มีตัวเลขให้เทียบ` }]),
      ],
    }),
  ];
  const CM = 72 / 2.54;
  return {
    info: { title, subject: 'OTOP registration report form' },
    pageOrientation: 'landscape',
    // Landscape forms keep 2 cm all round: the 16 columns need the width.
    pageMargins: [2 * CM, 2 * CM, 2 * CM, 2 * CM],
    styles: FORM_STYLES,
    content,
  };
}
