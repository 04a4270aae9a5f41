import { labelKey } from './label-key.ts';

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
    aliases: ['ชื่อผู้ผลิตผู้ประกอบการ', 'ชื่อผู้ผลิต/ผู้ประกอบการ', 'ชื่อผู้ประกอบการ', 'ชื่อกลุ่ม', 'ชื่อกลุ่ม/ผู้ผลิต', 'producer', 'name'],
    help: {
      th: 'ชื่อกลุ่ม ชื่อบุคคล หรือชื่อนิติบุคคลของผู้ผลิต',
      en: 'Name of the producer group, person or company',
    },
    example: 'กลุ่มทอผ้าไหมมัดหมี่บ้านโนนสมบูรณ์',
  },
  {
    key: 'citizen_id', th: 'เลขประจำตัวประชาชน', en: 'Citizen ID', required: true, level: 'producer',
    aliases: ['เลขบัตรประชาชน', 'เลขประจำตัวประชาชน13หลัก', 'เลขประจำตัวผู้เสียภาษี', 'เลขทะเบียนนิติบุคคล', 'เลขนิติบุคคล',
      'thai_id', 'national_id', 'id_card', 'citizen id', 'id'],
    help: {
      th: 'เลข ๑๓ หลักของผู้ผลิต (บุคคล: เลขประจำตัวประชาชนของประธานกลุ่มหรือเจ้าของ; นิติบุคคล: เลขทะเบียนนิติบุคคล)',
      en: "The producer's 13-digit ID (a person's citizen ID, or a company's juristic-person ID)",
    },
    example: '3380100012345',
  },
  {
    key: 'producer_type', th: 'ประเภทผู้ผลิต', en: 'Producer type', required: true, level: 'producer',
    aliases: ['ประเภทผู้ผลิตผู้ประกอบการ', 'ประเภทผู้ประกอบการ', 'type'],
    help: {
      th: 'กลุ่มผู้ผลิตชุมชน / ผู้ผลิตชุมชนที่เป็นเจ้าของรายเดียว / ผู้ผลิตที่เป็นวิสาหกิจขนาดกลางและขนาดย่อม (หรือเลข ๑ ๒ ๓)',
      en: 'Community producer group / single-owner community producer / SME producer (or 1, 2, 3)',
    },
    example: 'กลุ่มผู้ผลิตชุมชน',
  },
  {
    key: 'contact_name', th: 'ชื่อผู้ติดต่อ', en: 'Contact name', required: false, level: 'producer',
    aliases: ['ผู้ติดต่อ', 'ชื่อประธานกลุ่ม', 'ประธานกลุ่ม', 'ชื่อเจ้าของ', 'contact'],
    help: { th: 'ชื่อผู้ที่ติดต่อได้ เช่น ประธานกลุ่ม', en: 'A person to contact, e.g. the group chair' },
    example: 'นางสมศรี ศรีสุข',
  },
  {
    key: 'phone', th: 'โทรศัพท์', en: 'Phone', required: false, level: 'producer',
    aliases: ['เบอร์โทร', 'เบอร์โทรศัพท์', 'หมายเลขโทรศัพท์', 'โทร', 'tel', 'telephone', 'mobile', 'phone_number'],
    help: { th: 'หมายเลขโทรศัพท์', en: 'Phone number' },
    example: '0812345678',
  },
  {
    key: 'members', th: 'จำนวนสมาชิก', en: 'Members', required: false, level: 'producer',
    aliases: ['สมาชิก', 'จำนวนสมาชิกกลุ่ม', 'members_count', 'member_count'],
    help: { th: 'จำนวนสมาชิก (ตั้งแต่ ๑ ขึ้นไป)', en: 'Number of members (1 or more)' },
    example: '25',
  },
  {
    key: 'house_no', th: 'บ้านเลขที่', en: 'House number', required: false, level: 'producer',
    aliases: ['เลขที่', 'ที่อยู่เลขที่', 'house_number', 'address_no'],
    help: { th: 'บ้านเลขที่ของสถานที่ผลิต', en: 'House number of the place of production' },
    example: '12/3',
  },
  {
    key: 'village_no', th: 'หมู่ที่', en: 'Village number', required: false, level: 'producer',
    aliases: ['หมู่', 'ม', 'moo', 'village', 'village_number'],
    help: { th: 'หมู่ที่ (ตัวเลข)', en: 'Village (moo) number' },
    example: '5',
  },
  {
    key: 'subdistrict', th: 'ตำบล', en: 'Subdistrict', required: true, level: 'producer',
    aliases: ['ตำบล/แขวง', 'แขวง', 'รหัสตำบล', 'tambon', 'subdistrict_code', 'sub_district'],
    help: {
      th: 'ชื่อตำบลในอำเภอ หรือรหัสตำบล ๖ หลัก (เลือกจากรายการ)',
      en: 'Subdistrict name within the district, or its 6-digit code (pick from the list)',
    },
    example: 'โนนสมบูรณ์',
  },
  {
    key: 'district', th: 'อำเภอ', en: 'District', required: false, level: 'producer',
    aliases: ['อำเภอ/เขต', 'เขต', 'รหัสอำเภอ', 'amphoe', 'district_code'],
    help: {
      th: 'ไม่ต้องกรอกก็ได้ ถ้ากรอกต้องเป็นอำเภอที่ส่งข้อมูล (ชื่อหรือรหัส ๔ หลัก)',
      en: 'Optional; if given it must be the district the file is for (name or 4-digit code)',
    },
    example: 'เมืองบึงกาฬ',
  },
  {
    key: 'product_name', th: 'ชื่อผลิตภัณฑ์', en: 'Product name', required: true, level: 'product',
    aliases: ['ผลิตภัณฑ์', 'ชื่อสินค้า', 'สินค้า', 'product'],
    help: { th: 'ชื่อผลิตภัณฑ์ หนึ่งผลิตภัณฑ์ต่อหนึ่งแถว', en: 'Product name, one product per row' },
    example: 'ผ้าไหมมัดหมี่',
  },
  {
    key: 'category', th: 'ประเภทผลิตภัณฑ์', en: 'Product category', required: true, level: 'product',
    aliases: ['หมวดผลิตภัณฑ์', 'ประเภทสินค้า', 'product_category', 'product_type'],
    help: {
      th: 'อาหาร / เครื่องดื่ม / ผ้า เครื่องแต่งกาย / ของใช้ ของตกแต่ง ของที่ระลึก / สมุนไพรที่ไม่ใช่อาหาร (หรือเลข ๑–๕)',
      en: 'Food / beverages / textiles and garments / household, decorative and souvenir goods / non-food herbal products (or 1–5)',
    },
    example: 'ผ้า เครื่องแต่งกาย',
  },
  {
    key: 'standards', th: 'มาตรฐานผลิตภัณฑ์', en: 'Standards', required: false, level: 'product',
    aliases: ['มาตรฐาน', 'standard', 'certifications', 'certification'],
    help: {
      th: 'มาตรฐานที่ได้รับ คั่นด้วยจุลภาค เช่น อย., มผช., GMP, ฮาลาล',
      en: 'Standards held, comma separated, e.g. FDA, TCPS, GMP, halal',
    },
    example: 'มผช.',
  },
  {
    key: 'stars', th: 'ระดับดาว', en: 'Stars', required: false, level: 'product',
    aliases: ['ดาว', 'จำนวนดาว', 'ระดับดาวotop', 'ระดับดาวผลิตภัณฑ์', 'star', 'rating', 'otop_stars'],
    help: { th: 'ระดับดาว OTOP ๑–๕ (เว้นว่างถ้ายังไม่ได้คัดสรร)', en: 'OTOP star rating 1–5 (blank if not rated)' },
    example: '4',
  },
  {
    key: 'registered_date', th: 'วันที่ลงทะเบียน', en: 'Registration date', required: false, level: 'producer',
    aliases: ['วันลงทะเบียน', 'วันที่', 'registration_date', 'registered_on', 'date'],
    help: {
      th: 'วันที่ลงทะเบียน เช่น 15/03/2561 (พ.ศ. หรือ ค.ศ.) เว้นว่างได้: ใช้วันที่ส่งข้อมูล',
      en: 'Registration date, e.g. 15/03/2561 (BE or CE); blank means the upload date',
    },
    example: '15/03/2561',
  },
];

export const COLUMN_BY_KEY: ReadonlyMap<ColumnKey, ColumnSpec> = new Map(REGISTRATION_COLUMNS.map((c) => [c.key, c]));

export const REQUIRED_COLUMNS: readonly ColumnKey[] = REGISTRATION_COLUMNS.filter((c) => c.required).map((c) => c.key);

const KEY_BY_LABEL: ReadonlyMap<string, ColumnKey> = new Map(
  REGISTRATION_COLUMNS.flatMap((c) => [c.key, c.th, c.en, ...c.aliases].map((label) => [labelKey(label), c.key] as const)),
);

// Hints people add to headers: 'เลขประจำตัวประชาชน (13 หลัก)', 'ชื่อผู้ผลิต*', '1. ชื่อผู้ผลิต'.
const HEADER_DECORATION = /\([^)]*\)|\[[^\]]*\]|\*|^\s*\d+\s*[.)]\s*/g;

/** Canonical column of a header as typed (Thai, English, alias; any case, spacing, punctuation), or null. */
export function resolveHeader(header: string): ColumnKey | null {
  const key = labelKey(header);
  if (key === '') return null;
  return KEY_BY_LABEL.get(key) ?? KEY_BY_LABEL.get(labelKey(header.replace(HEADER_DECORATION, ''))) ?? null;
}
