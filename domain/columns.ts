import { normalizeText } from './normalize-text.ts';

// The canonical columns of a registration file (and of the dashboard's single-registration
// form). One row is one product of one producer; a producer with three products has three rows
// repeating the producer's columns.

export type ColumnKey =
  | 'producer_name'
  | 'citizen_id'
  | 'producer_type'
  | 'contact_name'
  | 'phone'
  | 'members'
  | 'house_no'
  | 'village_no'
  | 'subdistrict'
  | 'district'
  | 'product_name'
  | 'category'
  | 'standards'
  | 'stars'
  | 'registered_date';

export interface ColumnSpec {
  key: ColumnKey;
  /** Header of the import template and of the Thai form. */
  th: string;
  /** English header (the key reads as one too: producer_name, citizen_id, …). */
  en: string;
  required: boolean;
  /** Producer-level columns repeat on every row of the producer; product-level ones differ. */
  level: 'producer' | 'product';
  /** Other headers seen on district spreadsheets. Spaces, case and punctuation never matter. */
  aliases: readonly string[];
  /** What to type, for the template's explanation sheet and the form's help text. */
  help: { th: string; en: string };
  example: string;
}

export const REGISTRATION_COLUMNS: readonly ColumnSpec[] = [
  {
    key: 'producer_name', th: 'ชื่อผู้ผลิต', en: 'Producer name', required: true, level: 'producer',
    aliases: ['ชื่อผู้ผลิตผู้ประกอบการ', 'ชื่อผู้ผลิต/ผู้ประกอบการ', 'ชื่อผู้ประกอบการ', 'ผู้ประกอบการ', 'ผู้ผลิต', 'ชื่อกลุ่ม', 'ชื่อกลุ่มผู้ผลิต', 'ชื่อกลุ่ม/ผู้ผลิต', 'ชื่อกลุ่มอาชีพ', 'ชื่อวิสาหกิจชุมชน', 'ชื่อผู้ผลิตชุมชน', 'ชื่อสถานประกอบการ', 'ชื่อผู้ผลิต/กลุ่ม', 'producer', 'name', 'producer name', 'group name', 'producer/group name', 'enterprise name', 'entrepreneur', 'business name', 'manufacturer'],
    help: {
      th: 'ชื่อกลุ่ม ชื่อบุคคล หรือชื่อนิติบุคคลของผู้ผลิต',
      en: 'Name of the producer group, person or company',
    },
    example: 'กลุ่มทอผ้าไหมมัดหมี่บ้านโนนสมบูรณ์',
  },
  {
    key: 'citizen_id', th: 'เลขประจำตัวประชาชน', en: 'Citizen ID', required: true, level: 'producer',
    aliases: ['เลขบัตรประชาชน', 'เลขประจำตัวประชาชน13หลัก', 'เลขบัตรประจำตัวประชาชน', 'บัตรประชาชน', 'เลขประชาชน', 'เลข ปชช.', 'เลขบัตร ปชช.', 'เลขประจำตัว ปชช.', 'ปชช.', 'เลขประจำตัว', 'เลขประจำตัว 13 หลัก', 'เลข 13 หลัก', 'เลขประจำตัวผู้เสียภาษี', 'เลขผู้เสียภาษี', 'เลขทะเบียนนิติบุคคล', 'เลขนิติบุคคล', 'เลขประจำตัวประชาชน/นิติบุคคล', 'thai_id', 'national_id', 'id_card', 'citizen id', 'citizen id no.', 'id card no.', 'id no.', 'nid', 'pid', 'tax id', 'id'],
    help: {
      th: 'เลข ๑๓ หลักของผู้ผลิต (บุคคล: เลขประจำตัวประชาชนของประธานกลุ่มหรือเจ้าของ; นิติบุคคล: เลขทะเบียนนิติบุคคล)',
      en: "The producer's 13-digit ID (a person's citizen ID, or a company's juristic-person ID)",
    },
    example: '3380100012345',
  },
  {
    key: 'producer_type', th: 'ประเภทผู้ผลิต', en: 'Producer type', required: true, level: 'producer',
    aliases: ['ประเภทผู้ผลิตผู้ประกอบการ', 'ประเภทผู้ประกอบการ', 'ประเภทกลุ่ม', 'ประเภทผู้ผลิตชุมชน', 'รูปแบบผู้ผลิต', 'รูปแบบการผลิต', 'type', 'producer type', 'type of producer', 'entrepreneur type'],
    help: {
      th: 'กลุ่มผู้ผลิตชุมชน / ผู้ผลิตชุมชนที่เป็นเจ้าของรายเดียว / ผู้ผลิตที่เป็นวิสาหกิจขนาดกลางและขนาดย่อม (หรือเลข ๑ ๒ ๓)',
      en: 'Community producer group / single-owner community producer / SME producer (or 1, 2, 3)',
    },
    example: 'กลุ่มผู้ผลิตชุมชน',
  },
  {
    key: 'contact_name', th: 'ชื่อผู้ติดต่อ', en: 'Contact name', required: false, level: 'producer',
    aliases: ['ผู้ติดต่อ', 'ชื่อประธานกลุ่ม', 'ประธานกลุ่ม', 'ชื่อประธาน', 'ประธาน', 'ชื่อเจ้าของ', 'เจ้าของ', 'ผู้ประสานงาน', 'ชื่อผู้ประสานงาน', 'ชื่อ-สกุล ผู้ติดต่อ', 'ผู้แทนกลุ่ม', 'contact', 'contact person', 'chairperson', 'owner', 'owner name'],
    help: { th: 'ชื่อผู้ที่ติดต่อได้ เช่น ประธานกลุ่ม', en: 'A person to contact, e.g. the group chair' },
    example: 'นางสมศรี ศรีสุข',
  },
  {
    key: 'phone', th: 'โทรศัพท์', en: 'Phone', required: false, level: 'producer',
    aliases: ['เบอร์โทร', 'เบอร์โทรศัพท์', 'หมายเลขโทรศัพท์', 'โทร', 'โทร.', 'เบอร์', 'เบอร์ติดต่อ', 'เบอร์มือถือ', 'มือถือ', 'โทรศัพท์มือถือ', 'หมายเลขติดต่อ', 'tel', 'tel.', 'telephone', 'mobile', 'mobile no.', 'mob.', 'phone no.', 'phone_number', 'contact number', 'contact no.'],
    help: { th: 'หมายเลขโทรศัพท์', en: 'Phone number' },
    example: '0812345678',
  },
  {
    key: 'members', th: 'จำนวนสมาชิก', en: 'Members', required: false, level: 'producer',
    aliases: ['สมาชิก', 'จำนวนสมาชิกกลุ่ม', 'จำนวนคน', 'จำนวนสมาชิก (คน)', 'members_count', 'member_count', 'no. of members', 'number of members', 'group size', 'mem.'],
    help: { th: 'จำนวนสมาชิก (ตั้งแต่ ๑ ขึ้นไป)', en: 'Number of members (1 or more)' },
    example: '25',
  },
  {
    key: 'house_no', th: 'บ้านเลขที่', en: 'House number', required: false, level: 'producer',
    aliases: ['เลขที่', 'ที่อยู่เลขที่', 'เลขที่บ้าน', 'ที่ตั้งเลขที่', 'house_number', 'house no.', 'h. no.', 'address_no', 'addr. no.'],
    help: { th: 'บ้านเลขที่ของสถานที่ผลิต', en: 'House number of the place of production' },
    example: '12/3',
  },
  {
    key: 'village_no', th: 'หมู่ที่', en: 'Village number', required: false, level: 'producer',
    aliases: ['หมู่', 'ม', 'ม.', 'หมู่ที่ (ม.)', 'moo', 'moo no.', 'village', 'village_number', 'village no.', 'vill.'],
    help: { th: 'หมู่ที่ (ตัวเลข)', en: 'Village (moo) number' },
    example: '5',
  },
  {
    key: 'subdistrict', th: 'ตำบล', en: 'Subdistrict', required: true, level: 'producer',
    aliases: ['ตำบล/แขวง', 'แขวง', 'รหัสตำบล', 'ต.', 'ชื่อตำบล', 'tambon', 'sub-district', 'subdistrict_code', 'sub_district', 'tambon code', 'khwaeng'],
    help: {
      th: 'ชื่อตำบลในอำเภอ หรือรหัสตำบล ๖ หลัก (เลือกจากรายการ)',
      en: 'Subdistrict name within the district, or its 6-digit code (pick from the list)',
    },
    example: 'โนนสมบูรณ์',
  },
  {
    key: 'district', th: 'อำเภอ', en: 'District', required: false, level: 'producer',
    aliases: ['อำเภอ/เขต', 'เขต', 'รหัสอำเภอ', 'อ.', 'ชื่ออำเภอ', 'amphoe', 'amphur', 'district_code'],
    help: {
      th: 'ไม่ต้องกรอกก็ได้ ถ้ากรอกต้องเป็นอำเภอที่ส่งข้อมูล (ชื่อหรือรหัส ๔ หลัก)',
      en: 'Optional; if given it must be the district the file is for (name or 4-digit code)',
    },
    example: 'เมืองบึงกาฬ',
  },
  {
    key: 'product_name', th: 'ชื่อผลิตภัณฑ์', en: 'Product name', required: true, level: 'product',
    aliases: ['ผลิตภัณฑ์', 'ชื่อสินค้า', 'สินค้า', 'ชื่อผลิตภัณฑ์ OTOP', 'ผลิตภัณฑ์ OTOP', 'ชื่อผลิตภัณฑ์/สินค้า', 'รายการผลิตภัณฑ์', 'product', 'products', 'item name', 'goods', 'otop product'],
    help: { th: 'ชื่อผลิตภัณฑ์ หนึ่งผลิตภัณฑ์ต่อหนึ่งแถว', en: 'Product name, one product per row' },
    example: 'ผ้าไหมมัดหมี่',
  },
  {
    key: 'category', th: 'ประเภทผลิตภัณฑ์', en: 'Product category', required: true, level: 'product',
    aliases: ['หมวดผลิตภัณฑ์', 'ประเภทสินค้า', 'หมวดหมู่ผลิตภัณฑ์', 'หมวดหมู่', 'หมวด', 'กลุ่มผลิตภัณฑ์', 'ประเภทผลิตภัณฑ์ OTOP', 'product_category', 'category', 'product_type', 'cat.'],
    help: {
      th: 'อาหาร / เครื่องดื่ม / ผ้า เครื่องแต่งกาย / ของใช้ ของตกแต่ง ของที่ระลึก / สมุนไพรที่ไม่ใช่อาหาร (หรือเลข ๑–๕)',
      en: 'Food / beverages / textiles and garments / household, decorative and souvenir goods / non-food herbal products (or 1–5)',
    },
    example: 'ผ้า เครื่องแต่งกาย',
  },
  {
    key: 'standards', th: 'มาตรฐานผลิตภัณฑ์', en: 'Standards', required: false, level: 'product',
    aliases: ['มาตรฐาน', 'มาตรฐานที่ได้รับ', 'การรับรองมาตรฐาน', 'standard', 'certifications', 'certification', 'certificate'],
    help: {
      th: 'มาตรฐานที่ได้รับ คั่นด้วยจุลภาค เช่น อย., มผช., GMP, ฮาลาล',
      en: 'Standards held, comma separated, e.g. FDA, TCPS, GMP, halal',
    },
    example: 'มผช.',
  },
  {
    key: 'stars', th: 'ระดับดาว', en: 'Stars', required: false, level: 'product',
    aliases: ['ดาว', 'จำนวนดาว', 'ระดับดาวotop', 'ระดับดาวผลิตภัณฑ์', 'ผลการคัดสรร', 'ระดับการคัดสรร', 'ผลการคัดสรรระดับดาว', 'star', 'rating', 'otop_stars', 'star rating', 'otop level'],
    help: { th: 'ระดับดาว OTOP ๑–๕ (เว้นว่างถ้ายังไม่ได้คัดสรร)', en: 'OTOP star rating 1–5 (blank if not rated)' },
    example: '4',
  },
  {
    key: 'registered_date', th: 'วันที่ลงทะเบียน', en: 'Registration date', required: false, level: 'producer',
    aliases: ['วันลงทะเบียน', 'วันที่', 'วัน/เดือน/ปี ที่ลงทะเบียน', 'ลงทะเบียนวันที่', 'วันที่ขึ้นทะเบียน', 'วันขึ้นทะเบียน', 'registration_date', 'registered_on', 'date registered', 'reg. date', 'date'],
    help: {
      th: 'วันที่ลงทะเบียน เช่น 15/03/2561 (พ.ศ. หรือ ค.ศ.) เว้นว่างได้: ใช้วันที่ส่งข้อมูล',
      en: 'Registration date, e.g. 15/03/2561 (BE or CE); blank means the upload date',
    },
    example: '15/03/2561',
  },
];

export const COLUMN_BY_KEY: ReadonlyMap<ColumnKey, ColumnSpec> = new Map(REGISTRATION_COLUMNS.map((c) => [c.key, c]));

export const REQUIRED_COLUMNS: readonly ColumnKey[] = REGISTRATION_COLUMNS.filter((c) => c.required).map((c) => c.key);

/**
 * Titles of columns that only number the rows ('ลำดับ', 'ที่', 'No.'): never data, always
 * ignored (and said so).
 */
export const RUNNING_NUMBER_TITLES: readonly string[] = ['ลำดับ', 'ลำดับที่', 'ที่', 'ข้อ', 'รายการที่', 'no', 'no.', '#', 'seq', 'item', 's/n', 'sr.', 'running no.', 'row'];

// Marks of a required column and other decoration that never tell columns apart.
const REQUIRED_MARK = /[*＊※]/g;
// Notes in brackets: 'เลขประจำตัวประชาชน (13 หลัก)', 'Phone [mobile]', full-width brackets too.
const BRACKETED = /\([^()]*\)|\[[^\]]*\]|（[^（）]*）|\{[^{}]*\}/g;
// Numbering in front: '1.', '1)', '(1)', '๑.' (Thai digits are folded first), '2.1', 'ข้อ 3', '1 '.
const NUMBERING = /^(?:ข้อ\s*)?(?:\(\s*\d{1,2}\s*\)|\d{1,2}(?:\.\d{1,2})*\s*[.):\-]|\d{1,2}\s+(?=\D))\s*/;
// Punctuation and spaces: 'Tel.' = 'tel', 'ตำบล / แขวง' = 'ตำบลแขวง', 'sub-district' = 'subdistrict'.
const TITLE_PUNCTUATION = /[\s.,\-_/\\'"’‘“”:;!?|+=~`^<>#&]/g;

/** A header title folded for comparison, keeping what is in brackets (the brackets go). */
export function headerKeyWithNotes(title: string): string {
  const s = normalizeText(title).value.toLowerCase().replace(REQUIRED_MARK, '').trim().replace(NUMBERING, '');
  return s.replace(/[()[\]{}（）]/g, '').replace(TITLE_PUNCTUATION, '');
}

/**
 * A header title folded for comparison: NFC, no zero-width characters, Thai digits as ASCII,
 * lower case, no numbering in front, no notes in brackets, no required marks, no spaces and no
 * punctuation. Two titles with the same key name the same thing.
 */
export function headerKey(title: string): string {
  const s = normalizeText(title).value.toLowerCase().replace(REQUIRED_MARK, '').trim().replace(NUMBERING, '');
  return s.replace(BRACKETED, '').replace(TITLE_PUNCTUATION, '');
}

function keyTable(): ReadonlyMap<string, ColumnKey> {
  const table = new Map<string, ColumnKey>();
  for (const c of REGISTRATION_COLUMNS) {
    for (const label of [c.key, c.th, c.en, ...c.aliases]) {
      const k = headerKey(label);
      const other = table.get(k);
      // A synonym naming two columns would make recognition guess: refuse to start instead.
      if (other && other !== c.key) throw new Error(`header synonym '${label}' names both ${other} and ${c.key}`);
      table.set(k, c.key);
    }
  }
  return table;
}

const KEY_BY_LABEL: ReadonlyMap<string, ColumnKey> = keyTable();

const RUNNING_NUMBER_KEYS: ReadonlySet<string> = new Set(
  RUNNING_NUMBER_TITLES.map((t) => normalizeText(t).value.toLowerCase().replace(/\s+/g, '')).concat(RUNNING_NUMBER_TITLES.map(headerKey)).filter((k) => k !== ''),
);

/** Whether a title names a running-number column ('ลำดับ', 'ที่', 'No.', '#'). */
export function isRunningNumberTitle(title: string): boolean {
  const compact = normalizeText(title).value.toLowerCase().replace(/\s+/g, '');
  return compact !== '' && (RUNNING_NUMBER_KEYS.has(compact) || RUNNING_NUMBER_KEYS.has(headerKey(title)));
}

/** Every synonym of a column as a folded key (for candidate scoring), the column's own names first. */
export function columnLabelKeys(key: ColumnKey): string[] {
  const c = COLUMN_BY_KEY.get(key)!;
  return [...new Set([c.key, c.th, c.en, ...c.aliases].map(headerKey).filter((k) => k !== ''))];
}

/**
 * Canonical column of a header as typed (Thai, English, synonym or abbreviation; any case,
 * spacing, punctuation, numbering, notes in brackets), or null when it names none exactly.
 */
export function resolveHeader(header: string): ColumnKey | null {
  const withNotes = headerKeyWithNotes(header);
  if (withNotes === '') return null;
  const plain = headerKey(header);
  return KEY_BY_LABEL.get(withNotes) ?? KEY_BY_LABEL.get(plain) ?? KEY_BY_LABEL.get(withoutFiller(plain)) ?? null;
}

// Words offices add that never change which column a title names: examples after 'เช่น' /
// 'OTOP', 'ของผู้ผลิต', 'ผู้ขอ', 'ที่ตั้ง', '(ถ้ามี)' (brackets go already).
const EXAMPLES = /เช่น.*$/;
const FILLER = /otop|หนึ่งตำบลหนึ่งผลิตภัณฑ์|ของผู้ผลิต|ของกลุ่ม|ผู้ขอลงทะเบียน|ผู้ขอ|ที่ตั้ง|ถ้ามี|ระบุ/g;

function withoutFiller(key: string): string {
  const stripped = key.replace(EXAMPLES, '').replace(FILLER, '');
  return stripped === '' ? key : stripped;
}

// Words a group title wraps its subject in: 'ข้อมูลผู้ผลิต' is about the producer,
// 'Product details' about the product.
const GROUP_WRAPPING = /^(?:ข้อมูล|รายละเอียด)(?:ของ)?\s*|\s+(?:information|info|details|data)$|^(?:details|information)\s+(?:of|on|about)\s+/i;

/** What a two-level header's group title is about, without 'ข้อมูล…' / '… details' around it. */
export function groupTitleCore(group: string): string {
  const core = normalizeText(group).value.replace(GROUP_WRAPPING, '').trim();
  return core === '' ? group : core;
}
