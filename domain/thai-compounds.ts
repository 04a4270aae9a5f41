import { PRODUCT_CATEGORIES } from './product-categories.ts';
import { PRODUCT_STANDARDS } from './product-standards.ts';
import { THAI_MONTHS } from './thai-date.ts';

/**
 * Compounds of this domain a Thai reader takes as one word, though ICU's dictionary splits
 * them (ผู้|ผลิต, ผู้ประกอบ|การ, แห่ง|ชาติ, ลง|ทะเบียน, เครื่องแต่ง|กาย …): a line of an
 * official paper never ends inside one. Curated from the department's letter and the forms'
 * own wording; a line breaker keeps them whole unless one alone is wider than its cell.
 */
export const THAI_COMPOUNDS: readonly string[] = [
  'ผู้ผลิต',
  'ผู้ประกอบการ',
  'แห่งชาติ',
  'ลงทะเบียน',
  'เครื่องแต่งกาย',
  'ของที่ระลึก',
  'ของตกแต่ง',
  'ของใช้',
  'เครื่องดื่ม',
  'เจ้าของรายเดียว',
  'วิสาหกิจชุมชน',
  'วิสาหกิจขนาดกลางและขนาดย่อม',
  'วิสาหกิจ',
  'ขนาดกลาง',
  'ขนาดย่อม',
  'กลุ่มผู้ผลิตชุมชน',
  'ผู้ผลิตชุมชน',
  'ผลิตภัณฑ์',
  'สมุนไพร',
  'ปีงบประมาณ',
  'งบประมาณ',
  'ไตรมาส',
  'ผู้ใช้งาน',
  'รหัสผ่าน',
  'ออนไลน์',
  'ทะเบียน',
  'ประกาศ',
  'รับรอง',
  'ดำเนินการ',
  'ดำเนินงาน',
  'รายละเอียด',
  'ระยะเวลา',
  'ผู้รับผิดชอบ',
  'ตรวจสอบ',
  'รายงาน',
  'แบบรายงาน',
  'กรุงเทพมหานคร',
  'กรมการพัฒนาชุมชน',
  'พัฒนาชุมชน',
  'พัฒนาการจังหวัด',
  'ผู้ว่าราชการจังหวัด',
  'ปฏิบัติราชการแทน',
  'ศาลากลางจังหวัด',
  'สำนักงาน',
  'นายอำเภอ',
  'คณะกรรมการ',
  'อำนวยความสะดวก',
  'ความสะดวก',
  'สิ่งที่ส่งมาด้วย',
  'อ้างถึง',
  'ขอแสดงความนับถือ',
  'โทรสาร',
  'ด่วนที่สุด',
  'ทุกอำเภอ',
  'เป็นประจำ',
  'ทุกปี',
  'แผนการดำเนินงาน',
  // The report form's column headers.
  'รายใหม่',
  'รายเดิม',
  'ต่ออายุ',
];

/**
 * Every phrase the line breaker keeps whole before it asks ICU: the compounds above, the
 * category labels' parts, the standards and the month names. Place names come from the
 * geography tables at run time (the caller passes them).
 */
export const THAI_KEEP_WHOLE: readonly string[] = [
  ...THAI_COMPOUNDS,
  // A label of several words (ผู้ผลิตชุมชน | ที่เป็น | เจ้าของรายเดียว, ผ้า | เครื่องแต่งกาย) is kept
  // as its units, not whole: whole, it would make every column it heads as wide as the label.
  // The producer types' units are among the compounds above.
  ...PRODUCT_CATEGORIES.flatMap((c) => c.th.split(' ')),
  ...PRODUCT_STANDARDS.map((s) => s.th),
  ...THAI_MONTHS,
];
