import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { parseRoundCode, quarterRange, isoToDayNumber, dayNumberToIso } from '../../domain/fiscal-year.ts';
import { makeThaiId } from '../../domain/thai-id.ts';
import { toThaiDigits } from '../../domain/thai-digits.ts';
import { PRODUCER_TYPES, type ProducerTypeCode } from '../../domain/producer-types.ts';
import { PRODUCT_CATEGORIES, type CategoryCode } from '../../domain/product-categories.ts';
import type { IssueCode } from '../../domain/issue-codes.ts';
import type { GeographyFiles } from '../import-geography.ts';
import { demoRandom, type DemoRandom } from '../seed/demo-random.ts';

/** Row-level problems the generator can plant, one per faulty row, each reported under its code. */
export const GENERATOR_FAULTS = [
  'missing-value',
  'invalid-citizen-id',
  'unknown-subdistrict',
  'subdistrict-not-in-district',
  'district-out-of-scope',
  'invalid-category',
  'invalid-producer-type',
  'invalid-number',
  'out-of-range',
  'invalid-date',
  'duplicate-row',
  'encoding-replaced',
] as const satisfies readonly IssueCode[];
export type GeneratorFault = (typeof GENERATOR_FAULTS)[number];

export interface GenerateOptions {
  producers: number;
  geography: GeographyFiles;
  seed?: number;
  /** Round the registrations are for; dates fall in its quarter (default 2561-Q1). */
  round?: string;
  /** Only this province ('38') or district ('3801'); default the whole country. */
  scope?: string;
  /** Share of rows made faulty for each fault code (0.01 = 1 % per code). */
  faultyShare?: number;
  faults?: readonly GeneratorFault[];
  format?: 'csv' | 'xlsx';
  encoding?: 'utf-8' | 'windows-874';
}

export interface GenerateManifest {
  producers: number;
  rows: number;
  districts: number;
  /** Rows planted per fault code: what a load of the file must report. */
  faults: Partial<Record<GeneratorFault, number>>;
  /** Rows a load must accept (every row without an error fault). */
  validRows: number;
}

export const GENERATED_HEADERS = [
  'ชื่อผู้ผลิต', 'เลขประจำตัวประชาชน', 'ประเภทผู้ผลิต', 'ชื่อผู้ติดต่อ', 'โทรศัพท์', 'จำนวนสมาชิก', 'บ้านเลขที่', 'หมู่ที่',
  'ตำบล', 'อำเภอ', 'ชื่อผลิตภัณฑ์', 'ประเภทผลิตภัณฑ์', 'มาตรฐานผลิตภัณฑ์', 'ระดับดาว', 'วันที่ลงทะเบียน',
] as const;

const FIRST_NAMES = ['สมชาย', 'สมศรี', 'บุญมี', 'ประเสริฐ', 'สุภาพ', 'วันเพ็ญ', 'อรุณี', 'ทองใบ', 'คำปุน', 'บัวผัน', 'สุดารัตน์',
  'พิมพ์ใจ', 'จันทร์เพ็ญ', 'สมหมาย', 'วิไลวรรณ', 'ประยูร', 'ศรีนวล', 'หนูเพียร', 'บุญเรือน', 'สุริยา', 'มาลี', 'ชูชาติ'];
const LAST_NAMES = ['ศรีสุข', 'บุญมา', 'แก้วมณี', 'พรหมวงศ์', 'สายทอง', 'จันทร์แก้ว', 'ทองดี', 'ศรีวงศ์', 'คำภู', 'ไชยมงคล',
  'พันธ์ศรี', 'อินทร์แก้ว', 'วงศ์ไชย', 'ภูมิสถาน', 'สุวรรณศรี', 'มูลตรี', 'ใจดี', 'รักไทย'];
const TITLES = ['นาย', 'นาง', 'นางสาว'];
const ACTIVITIES = ['ทอผ้าไหม', 'แม่บ้านเกษตรกร', 'จักสานไม้ไผ่', 'แปรรูปสมุนไพร', 'ผลิตน้ำพริก', 'ทอเสื่อกก', 'ผ้าฝ้ายย้อมคราม',
  'แปรรูปปลา', 'ข้าวฮางงอก', 'เลี้ยงผึ้ง', 'ขนมไทย', 'เครื่องปั้นดินเผา'];
const COMPANIES = ['ฟู้ด', 'เฮิร์บ', 'เท็กซ์ไทล์', 'โปรดักส์', 'คราฟท์', 'เนเชอรัล', 'เบเวอเรจ', 'การค้า'];
const PRODUCTS: Record<CategoryCode, readonly string[]> = {
  food: ['น้ำพริกเผา', 'ข้าวฮางงอก', 'ปลาส้ม', 'กล้วยตาก', 'หมูยอ', 'แจ่วบอง', 'ปลาร้าบอง', 'ข้าวเกรียบ', 'สับปะรดกวน', 'ทองม้วน'],
  beverage: ['ชาใบหม่อน', 'ไวน์หมากเม่า', 'กาแฟคั่วบด', 'น้ำสับปะรด', 'น้ำกระเจี๊ยบ', 'ชาตะไคร้', 'น้ำผึ้ง'],
  textile: ['ผ้าไหมมัดหมี่', 'ผ้าฝ้ายย้อมคราม', 'ผ้าขาวม้า', 'เสื้อผ้าฝ้าย', 'ผ้าซิ่นตีนจก', 'กระเป๋าผ้าทอ'],
  household: ['ตะกร้าสาน', 'กระติบข้าว', 'เสื่อกก', 'ไม้กวาด', 'พวงกุญแจ', 'โคมไฟไม้ไผ่', 'แจกันดินเผา'],
  herbal: ['ยาหม่อง', 'สบู่สมุนไพร', 'ลูกประคบ', 'น้ำมันไพล', 'แชมพูมะกรูด', 'ยาดม'],
};
const VARIANTS = ['', '', '', ' สูตรดั้งเดิม', ' รสเผ็ด', ' ขนาดเล็ก', ' ขนาดใหญ่', ' พรีเมียม', ' ลายโบราณ', ' ชนิดพิเศษ'];
const STANDARDS = ['อย.', 'มผช.', 'GMP', 'ฮาลาล', 'มอก.', 'HACCP'];
const CATEGORY_LABEL: Record<CategoryCode, string> = Object.fromEntries(PRODUCT_CATEGORIES.map((c) => [c.code, c.th])) as Record<CategoryCode, string>;
const TYPE_LABEL: Record<ProducerTypeCode, string> = Object.fromEntries(PRODUCER_TYPES.map((t) => [t.code, t.th])) as Record<ProducerTypeCode, string>;
const CATEGORIES = PRODUCT_CATEGORIES.map((c) => c.code);

interface Place {
  districtCode: string;
  subdistricts: Array<{ code: string; nameTh: string }>;
}

function places(geo: GeographyFiles, scope: string | undefined): Place[] {
  const byDistrict = new Map<string, Place>();
  for (const raw of geo.subdistricts) {
    const s = raw as Record<string, unknown>;
    const code = String(s.subdistrictCode);
    const districtCode = String(s.districtCode);
    if (scope && !districtCode.startsWith(scope)) continue;
    const place = byDistrict.get(districtCode) ?? { districtCode, subdistricts: [] };
    place.subdistricts.push({ code, nameTh: String(s.subdistrictNameTh).trim() });
    byDistrict.set(districtCode, place);
  }
  return [...byDistrict.values()].sort((a, b) => a.districtCode.localeCompare(b.districtCode));
}

function productCount(r: DemoRandom): number {
  const x = r.next();
  return x < 0.38 ? 1 : x < 0.7 ? 2 : x < 0.88 ? 3 : x < 0.96 ? 4 : 5;
}

const beDate = (iso: string) => {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${Number(y) + 543}`;
};

/** A CSV field, quoted when it must be. */
const field = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/**
 * Writes a realistic, deterministic registration file: producers spread over the districts in
 * proportion to their subdistricts, 55 % community groups, 43 % single owners, 2 % SMEs,
 * about 2.1 products each (national scale: 93,400 producers, 209,000 products), typed the way
 * districts type them — Thai labels, BE dates, now and then Thai digits or a code instead of a
 * name. With `faultyShare`, that share of rows per fault code carries exactly one planted
 * problem; the manifest says how many, so a load can be checked against it.
 */
export async function generateRegistrations(out: string | Writable, options: GenerateOptions): Promise<GenerateManifest> {
  const r = demoRandom(options.seed ?? 2561);
  const faultRandom = demoRandom((options.seed ?? 2561) ^ 0x5eed);
  const round = parseRoundCode(options.round ?? '2561-Q1');
  if (!round) throw new Error(`not a round code: ${options.round}`);
  const quarter = quarterRange(round.fiscalYear, round.quarter);
  const firstDay = isoToDayNumber(quarter.start);
  const span = Math.min(80, isoToDayNumber(quarter.end) - firstDay);
  const all = places(options.geography, options.scope);
  if (all.length === 0) throw new Error(`no districts in scope ${options.scope ?? 'all'}`);
  // Any subdistrict of the country: a misplaced one comes from another district even in a one-district file.
  const allSubdistricts = places(options.geography, undefined).flatMap((p) => p.subdistricts.map((s) => ({ ...s, districtCode: p.districtCode })));
  const faults = options.faultyShare && options.faultyShare > 0 ? (options.faults ?? GENERATOR_FAULTS) : [];
  const faultShare = options.faultyShare ?? 0;
  const planted: Partial<Record<GeneratorFault, number>> = {};

  // Producers per district, in proportion to its subdistricts.
  const weight = all.reduce((n, p) => n + p.subdistricts.length, 0);
  const perDistrict = all.map((p) => Math.floor((options.producers * p.subdistricts.length) / weight));
  for (let i = 0, left = options.producers - perDistrict.reduce((a, b) => a + b, 0); left > 0; i = (i + 1) % all.length, left--) {
    perDistrict[i]!++;
  }

  const sink = await openSink(out, options);
  let rows = 0;
  let validRows = 0;
  let previousClean: string[] | null = null;
  const emit = async (cells: string[], fault: GeneratorFault | null) => {
    rows++;
    if (fault === null || fault === 'encoding-replaced') validRows++;
    if (fault) planted[fault] = (planted[fault] ?? 0) + 1;
    await sink.row(cells);
  };

  for (let di = 0; di < all.length; di++) {
    const place = all[di]!;
    for (let serial = 0; serial < perDistrict[di]!; serial++) {
      const x = r.next();
      const type: ProducerTypeCode = x < 0.55 ? 'community-group' : x < 0.98 ? 'single-owner' : 'sme';
      const id = makeThaiId(`${type === 'sme' ? '0' : '3'}${place.districtCode}${String(serial).padStart(7, '0')}`);
      const sub = r.pick(place.subdistricts);
      const person = `${r.pick(TITLES)}${r.pick(FIRST_NAMES)} ${r.pick(LAST_NAMES)}`;
      const name =
        type === 'community-group' ? `กลุ่ม${r.pick(ACTIVITIES)}บ้าน${sub.nameTh}` : type === 'sme' ? `บริษัท ${sub.nameTh}${r.pick(COMPANIES)} จำกัด` : person;
      const members = type === 'community-group' ? r.int(7, 60) : type === 'sme' ? r.int(3, 40) : 1;
      const thaiDigits = r.chance(0.05);
      const num = (n: number | string) => (thaiDigits ? toThaiDigits(n) : String(n));
      const typeLabel = r.chance(0.85) ? TYPE_LABEL[type] : String(PRODUCER_TYPES.find((t) => t.code === type)!.number);
      const date = beDate(dayNumberToIso(firstDay + r.int(0, span)));
      const producerCells = [
        name, num(id), typeLabel, person, num(`08${r.int(1, 9)}${String(r.int(0, 9_999_999)).padStart(7, '0')}`), num(members),
        num(`${r.int(1, 250)}${r.chance(0.2) ? `/${r.int(1, 9)}` : ''}`), num(r.int(1, 20)),
        r.chance(0.9) ? sub.nameTh : sub.code, place.districtCode,
      ];
      const main = r.pick(CATEGORIES);
      const used = new Set<string>();
      const count = productCount(r);
      for (let k = 0; k < count; k++) {
        const category = k === 0 || r.chance(0.6) ? main : r.pick(CATEGORIES);
        let product = `${r.pick(PRODUCTS[category])}${r.pick(VARIANTS)}`;
        if (used.has(product)) product = `${product} แบบที่ ${k + 1}`;
        used.add(product);
        const standards = STANDARDS.filter(() => r.chance(0.15)).join(', ');
        const stars = r.chance(0.4) ? num(r.int(1, 5)) : '';
        const cells = [...producerCells, product, CATEGORY_LABEL[category], standards, stars, date];
        const fault = faults.length > 0 ? pickFault(faultRandom, faults, faultShare) : null;
        if (fault === 'duplicate-row') {
          if (previousClean) await emit([...previousClean], 'duplicate-row');
          await emit(cells, null);
          previousClean = cells;
          continue;
        }
        if (fault) plant(fault, cells, faultRandom, allSubdistricts, place.districtCode);
        await emit(cells, fault);
        previousClean = fault ? null : cells;
      }
    }
  }
  await sink.end();
  return { producers: options.producers, rows, districts: all.length, faults: planted, validRows };
}

function pickFault(r: DemoRandom, faults: readonly GeneratorFault[], share: number): GeneratorFault | null {
  const x = r.next();
  const i = Math.floor(x / share);
  return i < faults.length ? faults[i]! : null;
}

// Column positions in GENERATED_HEADERS.
const COL = { name: 0, id: 1, type: 2, members: 5, subdistrict: 8, district: 9, product: 10, category: 11, stars: 13, date: 14 };

function plant(
  fault: GeneratorFault,
  cells: string[],
  r: DemoRandom,
  subdistricts: ReadonlyArray<{ code: string; districtCode: string }>,
  districtCode: string,
): void {
  switch (fault) {
    case 'missing-value':
      cells[COL.product] = '';
      return;
    case 'invalid-citizen-id': {
      const id = cells[COL.id]!.replace(/[^\d๐-๙]/g, '');
      const last = id.slice(-1);
      cells[COL.id] = id.slice(0, -1) + (last === '0' || last === '๐' ? '1' : '0');
      return;
    }
    case 'unknown-subdistrict':
      cells[COL.subdistrict] = 'ตำบลที่ไม่มีอยู่จริง';
      return;
    case 'subdistrict-not-in-district': {
      let other = r.pick(subdistricts);
      for (let i = 0; other.districtCode === districtCode && i < 20; i++) other = r.pick(subdistricts);
      cells[COL.subdistrict] = other.code;
      return;
    }
    case 'district-out-of-scope':
      cells[COL.district] = 'อำเภอที่ไม่มีอยู่จริง';
      return;
    case 'invalid-category':
      cells[COL.category] = 'ของฝากทั่วไป';
      return;
    case 'invalid-producer-type':
      cells[COL.type] = 'สหกรณ์การเกษตร';
      return;
    case 'invalid-number':
      cells[COL.members] = 'ยี่สิบคน';
      return;
    case 'out-of-range':
      cells[COL.stars] = '7';
      return;
    case 'invalid-date':
      cells[COL.date] = '31/02/2561';
      return;
    case 'encoding-replaced':
      cells[COL.product] = `${cells[COL.product]}\uFFFD`;
      return;
    case 'duplicate-row':
      return;
  }
}

interface Sink {
  row(cells: string[]): Promise<void>;
  end(): Promise<void>;
}

async function openSink(out: string | Writable, options: GenerateOptions): Promise<Sink> {
  if (options.format === 'xlsx') {
    if (typeof out !== 'string') throw new Error('XLSX output needs a file path');
    const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out, useSharedStrings: true, useStyles: false });
    const sheet = book.addWorksheet('ทะเบียน');
    sheet.addRow([...GENERATED_HEADERS]).commit();
    return {
      async row(cells) {
        sheet.addRow(cells).commit();
      },
      async end() {
        sheet.commit();
        await book.commit();
      },
    };
  }
  const stream = typeof out === 'string' ? createWriteStream(out) : out;
  const encode = (s: string) => (options.encoding === 'windows-874' ? iconv.encode(s, 'windows-874') : Buffer.from(s, 'utf8'));
  let buffer: string[] = [];
  let size = 0;
  const flush = async () => {
    if (buffer.length === 0) return;
    const chunk = encode(buffer.join(''));
    buffer = [];
    size = 0;
    if (!stream.write(chunk)) await once(stream, 'drain');
  };
  buffer.push(`${options.encoding === 'windows-874' ? '' : '\uFEFF'}${GENERATED_HEADERS.join(',')}\r\n`);
  return {
    async row(cells) {
      const line = `${cells.map(field).join(',')}\r\n`;
      buffer.push(line);
      size += line.length;
      if (size > 1 << 16) await flush();
    },
    async end() {
      await flush();
      if (typeof out === 'string') {
        const done = once(stream, 'finish');
        stream.end();
        await done;
      }
    },
  };
}
