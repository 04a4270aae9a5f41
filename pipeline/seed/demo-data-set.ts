import { makeThaiId } from '../../domain/thai-id.ts';
import type { ProducerTypeCode } from '../../domain/producer-types.ts';
import { CATEGORY_CODES, type CategoryCode } from '../../domain/product-categories.ts';
import { BUENG_KAN_DISTRICTS } from './bueng-kan-geography.ts';
import { demoRandom, type DemoRandom } from './demo-random.ts';

/**
 * The deterministic synthetic data set a new user sees: a few hundred Bueng Kan producers
 * registered in FY2560 Q4 and over the FY2561 quarters, all three producer types and all five
 * categories, with renewals, late registrations and a workflow history. Names are invented.
 */
export interface DemoProduct {
  name: string;
  category: CategoryCode;
  standards: string[];
  stars: number | null;
}

export interface DemoRegistration {
  roundCode: string;
  fiscalYear: number;
  districtCode: string;
  registeredAt: Date;
  producer: {
    thaiId: string;
    producerType: ProducerTypeCode;
    name: string;
    contactName: string;
    phone: string;
    members: number | null;
    houseNo: string;
    villageNo: number;
    subdistrictCode: string;
  };
  products: DemoProduct[];
}

export interface DemoWorkflowStep {
  roundCode: string;
  districtCode: string | null;
  provinceCode: string;
  action: 'submit' | 'return' | 'certify' | 'report' | 'announce';
  at: Date;
  reason: string | null;
}

const FIRST_NAMES = ['สมชาย', 'สมศรี', 'บุญมี', 'ประเสริฐ', 'สุภาพ', 'วันเพ็ญ', 'อรุณี', 'ทองใบ', 'คำปุน', 'บัวผัน',
  'สุดารัตน์', 'พิมพ์ใจ', 'จันทร์เพ็ญ', 'สมหมาย', 'วิไลวรรณ', 'ประยูร', 'ศรีนวล', 'หนูเพียร', 'บุญเรือน', 'สุริยา'];
const LAST_NAMES = ['ศรีสุข', 'บุญมา', 'แก้วมณี', 'พรหมวงศ์', 'สายทอง', 'จันทร์แก้ว', 'ทองดี', 'ศรีวงศ์', 'คำภู',
  'ไชยมงคล', 'พันธ์ศรี', 'อินทร์แก้ว', 'วงศ์ไชย', 'ภูมิสถาน', 'สุวรรณศรี', 'มูลตรี'];
const TITLES = ['นาย', 'นาง', 'นางสาว'];
const GROUP_ACTIVITIES = ['ทอผ้าไหมมัดหมี่', 'แม่บ้านเกษตรกร', 'จักสานไม้ไผ่', 'แปรรูปสมุนไพร', 'ผลิตน้ำพริก',
  'ทอเสื่อกก', 'ผ้าฝ้ายย้อมคราม', 'แปรรูปปลาน้ำโขง', 'ผลิตข้าวฮางงอก', 'เลี้ยงผึ้งโพรง'];
const SME_NAMES = ['บึงกาฬฟู้ด', 'โขงหลงเฮิร์บ', 'ศรีวิไลเท็กซ์ไทล์', 'หินสามวาฬโปรดักส์', 'ภูทอกคราฟท์',
  'นาคาเนเชอรัล', 'ริมโขงเบเวอเรจ', 'อีสานเหนือการค้า'];

const PRODUCTS: Record<CategoryCode, readonly string[]> = {
  food: ['น้ำพริกเผา', 'ข้าวฮางงอก', 'ปลาส้ม', 'กล้วยตาก', 'หมูยอ', 'แจ่วบอง', 'ปลาร้าบอง', 'ข้าวเกรียบฟักทอง', 'สับปะรดกวน'],
  beverage: ['ชาใบหม่อน', 'ไวน์หมากเม่า', 'กาแฟคั่วบด', 'น้ำสับปะรด', 'น้ำกระเจี๊ยบ', 'ชาตะไคร้'],
  textile: ['ผ้าไหมมัดหมี่', 'ผ้าฝ้ายย้อมคราม', 'ผ้าขาวม้า', 'เสื้อผ้าฝ้ายทอมือ', 'ผ้าซิ่นตีนจก', 'กระเป๋าผ้าทอ'],
  household: ['ตะกร้าสานไม้ไผ่', 'กระติบข้าว', 'เสื่อกก', 'ไม้กวาดดอกหญ้า', 'พวงกุญแจผ้าทอ', 'โคมไฟไม้ไผ่'],
  herbal: ['ยาหม่องสมุนไพร', 'สบู่สมุนไพร', 'ลูกประคบ', 'น้ำมันไพล', 'แชมพูมะกรูด', 'ยาดมสมุนไพร'],
};
const CATEGORY_STANDARDS: Record<CategoryCode, readonly string[]> = {
  food: ['fda', 'mophor', 'gmp', 'halal'],
  beverage: ['fda', 'mophor', 'gmp'],
  textile: ['mophor', 'tis'],
  household: ['mophor'],
  herbal: ['fda', 'mophor', 'organic'],
};
const CATEGORIES: readonly CategoryCode[] = CATEGORY_CODES;

/** Step-1 windows of the demo rounds (as meant by the letter). */
const ROUNDS: ReadonlyArray<{ code: string; fy: number; start: string; end: string; share: number }> = [
  { code: '2560-Q4', fy: 2560, start: '2017-08-28', end: '2017-09-18', share: 1 },
  { code: '2561-Q1', fy: 2561, start: '2017-10-01', end: '2017-12-20', share: 0.45 },
  { code: '2561-Q2', fy: 2561, start: '2018-01-01', end: '2018-03-20', share: 0.3 },
  { code: '2561-Q3', fy: 2561, start: '2018-04-01', end: '2018-06-20', share: 0.17 },
  { code: '2561-Q4', fy: 2561, start: '2018-09-21', end: '2018-09-27', share: 0.08 },
];

/** Noon Bangkok time on an ISO date plus `days`. */
function bangkokNoon(iso: string, days: number): Date {
  const d = new Date(`${iso}T05:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d;
}

function spanDays(start: string, end: string): number {
  return Math.round((Date.parse(end) - Date.parse(start)) / 86_400_000);
}

function producerName(r: DemoRandom, type: ProducerTypeCode, village: string): string {
  if (type === 'community-group') return `กลุ่ม${r.pick(GROUP_ACTIVITIES)}บ้าน${village}`;
  if (type === 'sme') {
    return r.chance(0.6) ? `บริษัท ${r.pick(SME_NAMES)} จำกัด` : `ห้างหุ้นส่วนจำกัด ${r.pick(SME_NAMES)}`;
  }
  return `${r.pick(TITLES)}${r.pick(FIRST_NAMES)} ${r.pick(LAST_NAMES)}`;
}

function makeProducts(r: DemoRandom): DemoProduct[] {
  const count = r.chance(0.55) ? 1 : r.chance(0.7) ? 2 : r.int(3, 4);
  const main = r.pick(CATEGORIES);
  const out: DemoProduct[] = [];
  const used = new Set<string>();
  for (let i = 0; i < count; i++) {
    const category = i === 0 || r.chance(0.6) ? main : r.pick(CATEGORIES);
    const name = r.pick(PRODUCTS[category]);
    if (used.has(name)) continue;
    used.add(name);
    const standards = CATEGORY_STANDARDS[category].filter(() => r.chance(0.35));
    out.push({ name, category, standards, stars: r.chance(0.4) ? r.int(1, 5) : null });
  }
  return out;
}

export function demoDataSet(seed = 2561): { registrations: DemoRegistration[]; workflow: DemoWorkflowStep[] } {
  const r = demoRandom(seed);
  const registrations: DemoRegistration[] = [];
  const idBase = 3380100000000;
  let serial = 0;

  for (const district of BUENG_KAN_DISTRICTS) {
    // Bigger districts register more: Mueang Bueng Kan and Seka lead, Bung Khla trails.
    const size = 18 + district.subdistricts.length * 4;
    const previous: DemoRegistration[] = [];
    for (let i = 0; i < size; i++) {
      const [suffix, villageTh] = r.pick(district.subdistricts);
      const type: ProducerTypeCode = r.chance(0.55) ? 'community-group' : r.chance(0.95) ? 'single-owner' : 'sme';
      const id12 = String(type === 'sme' ? 105500000000 + serial * 7 : idBase / 10 + serial * 13).slice(0, 12);
      serial++;
      const producer = {
        thaiId: makeThaiId(id12.padStart(12, '0')),
        producerType: type,
        name: producerName(r, type, villageTh),
        contactName: `${r.pick(TITLES)}${r.pick(FIRST_NAMES)} ${r.pick(LAST_NAMES)}`,
        phone: `08${r.int(1, 9)}${String(r.int(0, 9_999_999)).padStart(7, '0')}`,
        members: type === 'community-group' ? r.int(7, 60) : type === 'sme' ? r.int(3, 40) : 1,
        houseNo: `${r.int(1, 250)}${r.chance(0.2) ? `/${r.int(1, 9)}` : ''}`,
        villageNo: r.int(1, 15),
        subdistrictCode: `${district.code}${suffix}`,
      };
      // FY2560 Q4: the first registration (about two thirds of today's producers).
      if (r.chance(0.68)) {
        const round = ROUNDS[0]!;
        const late = r.chance(0.08);
        const day = late ? spanDays(round.start, round.end) + r.int(1, 5) : r.int(0, spanDays(round.start, round.end));
        const reg: DemoRegistration = {
          roundCode: round.code, fiscalYear: round.fy, districtCode: district.code,
          registeredAt: bangkokNoon(round.start, day), producer, products: makeProducts(r),
        };
        registrations.push(reg);
        previous.push(reg);
      }
      // FY2561: most renew, some are new; spread over the quarters by their share.
      if (r.chance(0.85)) {
        let pickQ = r.next();
        let round = ROUNDS[1]!;
        for (const candidate of ROUNDS.slice(1)) {
          round = candidate;
          if ((pickQ -= candidate.share) < 0) break;
        }
        const late = r.chance(0.1);
        const day = late ? spanDays(round.start, round.end) + r.int(1, 6) : r.int(0, spanDays(round.start, round.end));
        registrations.push({
          roundCode: round.code, fiscalYear: round.fy, districtCode: district.code,
          registeredAt: bangkokNoon(round.start, day), producer, products: makeProducts(r),
        });
      }
    }
  }

  return { registrations, workflow: demoWorkflow(r) };
}

/**
 * The workflow history: FY2560 Q4 and FY2561 Q1–Q2 certified and announced, Q3 part way (one
 * district returned, some submitted late), Q4 still open in most districts.
 */
function demoWorkflow(r: DemoRandom): DemoWorkflowStep[] {
  const steps: DemoWorkflowStep[] = [];
  const windows: Record<string, { step1End: string; step2End: string; step3: string }> = {
    '2560-Q4': { step1End: '2017-09-18', step2End: '2017-09-25', step3: '2017-09-30' },
    '2561-Q1': { step1End: '2017-12-20', step2End: '2017-12-29', step3: '2017-12-30' },
    '2561-Q2': { step1End: '2018-03-20', step2End: '2018-03-29', step3: '2018-03-31' },
    '2561-Q3': { step1End: '2018-06-20', step2End: '2018-06-28', step3: '2018-06-29' },
  };
  for (const [round, w] of Object.entries(windows)) {
    const complete = round !== '2561-Q3';
    for (const district of BUENG_KAN_DISTRICTS) {
      const late = r.chance(0.15) ? r.int(1, 4) : 0;
      const submitAt = bangkokNoon(w.step1End, late - r.int(0, 3));
      if (!complete && district.code === '3808') continue; // still open: never submitted
      steps.push({ roundCode: round, districtCode: district.code, provinceCode: '38', action: 'submit', at: submitAt, reason: null });
      if (!complete && district.code === '3806') {
        steps.push({
          roundCode: round, districtCode: district.code, provinceCode: '38', action: 'return',
          at: bangkokNoon(w.step1End, late + 2),
          reason: 'เลขประจำตัวประชาชนของผู้ผลิต ๓ รายไม่ตรงกับบัตร กรุณาตรวจสอบและส่งใหม่',
        });
        continue;
      }
      if (!complete && (district.code === '3804' || district.code === '3807')) continue; // awaiting the province
      steps.push({
        roundCode: round, districtCode: district.code, provinceCode: '38', action: 'certify',
        at: bangkokNoon(w.step2End, -r.int(0, 4)), reason: null,
      });
    }
    if (complete) {
      steps.push({ roundCode: round, districtCode: null, provinceCode: '38', action: 'report', at: bangkokNoon(w.step2End, 0), reason: null });
      steps.push({ roundCode: round, districtCode: null, provinceCode: '38', action: 'announce', at: bangkokNoon(w.step3, 0), reason: null });
    }
  }
  return steps;
}
