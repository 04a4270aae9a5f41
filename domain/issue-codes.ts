// The catalogue of problems the pipeline reports about an uploaded file or form. Every issue
// a user sees is built from here, so one code always reads the same in Thai and English.

export type IssueSeverity = 'error' | 'warning';
export type IssueLevel = 'file' | 'row';
export type IssueDefinition = { severity: IssueSeverity; level: IssueLevel; th: string; en: string };

export const ISSUE_CODES = {
  'empty-file': { severity: 'error', level: 'file', th: 'ไฟล์ไม่มีข้อมูล', en: 'The file contains no data' },
  'unreadable-file': {
    severity: 'error',
    level: 'file',
    th: 'ไม่สามารถอ่านไฟล์ได้ ไฟล์อาจเสียหายหรือไม่ใช่ไฟล์ CSV หรือ Excel',
    en: 'The file cannot be read; it may be damaged or not a CSV or Excel file',
  },
  'binary-file': {
    severity: 'error',
    level: 'file',
    th: 'ไฟล์นี้ไม่ใช่ไฟล์ข้อความหรือไฟล์ Excel ที่รองรับ',
    en: 'The file is not a supported text or Excel file',
  },
  'too-large': { severity: 'error', level: 'file', th: 'ไฟล์มีขนาดใหญ่เกินกำหนด', en: 'The file is larger than allowed' },
  'inflation-limit': {
    severity: 'error',
    level: 'file',
    th: 'ไฟล์ Excel เมื่อขยายออกมามีข้อมูลมากเกินกำหนด อาจเป็น zip bomb',
    en: 'The Excel file inflates past the limit, as a zip bomb does',
  },
  'too-many-rows': { severity: 'error', level: 'file', th: 'ไฟล์มีจำนวนแถวเกินกำหนด', en: 'The file has more rows than allowed' },
  'missing-column': { severity: 'error', level: 'file', th: 'ไม่พบคอลัมน์ที่จำเป็น', en: 'A required column is missing' },
  'unknown-round': {
    severity: 'error',
    level: 'file',
    th: 'ไม่พบรอบการลงทะเบียนที่ระบุ',
    en: 'The registration round does not exist',
  },
  'round-locked': {
    severity: 'error',
    level: 'file',
    th: 'ข้อมูลของอำเภอในรอบนี้ได้รับการรับรองหรือประกาศแล้ว จึงแก้ไขไม่ได้',
    en: "The district's data for this round is certified or announced and can no longer be changed",
  },
  'district-out-of-scope': {
    severity: 'error',
    level: 'row',
    th: 'อำเภอนี้ไม่อยู่ในความรับผิดชอบของผู้ส่งข้อมูล',
    en: 'This district is outside your area of responsibility',
  },
  'missing-value': { severity: 'error', level: 'row', th: 'ไม่ได้กรอกข้อมูลที่จำเป็น', en: 'A required value is missing' },
  'invalid-citizen-id': {
    severity: 'error',
    level: 'row',
    // General on purpose: the reason (length, not digits, check digit) comes as the detail,
    // from THAI_ID_REASON_MESSAGES.
    th: 'เลขประจำตัวประชาชนไม่ถูกต้อง',
    en: 'Invalid citizen ID',
  },
  'invalid-phone': {
    severity: 'error',
    level: 'row',
    th: 'อ่านหมายเลขโทรศัพท์ไม่ได้ ต้องเป็นเบอร์ไทย เช่น 042-123-456 หรือ 081-234-5678',
    en: 'Unreadable phone number; it must be a Thai number such as 042-123-456 or 081-234-5678',
  },
  'unknown-subdistrict': { severity: 'error', level: 'row', th: 'ไม่พบชื่อตำบลนี้', en: 'Unknown subdistrict' },
  'subdistrict-not-in-district': {
    severity: 'error',
    level: 'row',
    th: 'ตำบลนี้ไม่อยู่ในอำเภอที่ระบุ',
    en: 'The subdistrict is not in the given district',
  },
  'invalid-category': {
    severity: 'error',
    level: 'row',
    th: 'ประเภทผลิตภัณฑ์ไม่ถูกต้อง ต้องเป็นหนึ่งในห้าประเภทของ OTOP',
    en: 'Invalid product category; it must be one of the five OTOP categories',
  },
  'invalid-producer-type': {
    severity: 'error',
    level: 'row',
    th: 'ประเภทผู้ผลิตไม่ถูกต้อง ต้องเป็นกลุ่มผู้ผลิตชุมชน ผู้ผลิตชุมชนที่เป็นเจ้าของรายเดียว หรือผู้ผลิตที่เป็นวิสาหกิจขนาดกลางและขนาดย่อม',
    en: 'Invalid producer type; it must be a community producer group, a single-owner community producer or an SME producer',
  },
  'invalid-number': { severity: 'error', level: 'row', th: 'ค่าที่กรอกไม่ใช่ตัวเลข', en: 'The value is not a number' },
  'out-of-range': { severity: 'error', level: 'row', th: 'ค่าที่กรอกอยู่นอกช่วงที่กำหนด', en: 'The value is outside the allowed range' },
  'invalid-date': { severity: 'error', level: 'row', th: 'วันที่ไม่ถูกต้อง', en: 'Invalid date' },
  'duplicate-row': {
    severity: 'error',
    level: 'row',
    th: 'ข้อมูลแถวนี้ซ้ำกับแถวอื่น',
    en: 'This row duplicates another row',
  },
  'registered-in-other-district': {
    severity: 'error',
    level: 'row',
    th: 'ผู้ผลิตรายนี้ลงทะเบียนกับอำเภออื่นแล้วในปีงบประมาณเดียวกัน',
    en: 'This producer is already registered with another district in the same fiscal year',
  },
  // A producer's details belong to the province it is registered in: another province's office
  // may not take it over (docs/security.md, "Scope of producers and registrations"). The message
  // names no place outside the uploader's province; the department can see where and move it.
  'registered-in-other-province': {
    severity: 'error',
    level: 'row',
    th: 'เลขประจำตัวนี้เป็นของผู้ผลิตที่ลงทะเบียนล่าสุดกับจังหวัดอื่น จึงลงทะเบียนหรือแก้ไขข้อมูลจากที่นี่ไม่ได้ โปรดแจ้งสำนักงานพัฒนาชุมชนจังหวัดของท่านให้ประสานจังหวัดที่ผู้ผลิตลงทะเบียนไว้หรือกรมการพัฒนาชุมชนเพื่อย้ายผู้ผลิต',
    en: "This ID belongs to a producer last registered in another province, so it cannot be registered or changed from here; ask your provincial community development office to arrange the producer's move with that province or the department",
  },
  'duplicate-column': {
    severity: 'error',
    level: 'file',
    th: 'มีคอลัมน์เดียวกันซ้ำกันมากกว่าหนึ่งคอลัมน์',
    en: 'The same column appears more than once',
  },
  'inconsistent-producer': {
    severity: 'warning',
    level: 'row',
    th: 'ข้อมูลผู้ผลิตในแถวนี้ไม่ตรงกับแถวแรกของผู้ผลิตรายเดียวกัน ระบบใช้ข้อมูลจากแถวแรก',
    en: "The producer details in this row differ from the producer's first row; the first row's were used",
  },
  'unknown-standard': {
    severity: 'warning',
    level: 'row',
    th: 'ไม่รู้จักมาตรฐานผลิตภัณฑ์นี้ จึงไม่ได้บันทึก',
    en: 'Unknown product standard; it was not recorded',
  },
  'round-closed-late': {
    severity: 'warning',
    level: 'row',
    th: 'ส่งข้อมูลหลังวันสิ้นสุดของช่วงเวลาตามแผน',
    en: 'Submitted after the planned window closed',
  },
  'encoding-replaced': {
    severity: 'warning',
    level: 'row',
    th: 'มีอักขระที่อ่านไม่ได้และถูกแทนที่ กรุณาตรวจสอบข้อความ',
    en: 'Some unreadable characters were replaced; please check the text',
  },
  normalized: {
    severity: 'warning',
    level: 'row',
    th: 'ระบบปรับรูปแบบข้อความให้ถูกต้องโดยอัตโนมัติ',
    en: 'The value was tidied automatically',
  },
} as const satisfies Record<string, IssueDefinition>;

export type IssueCode = keyof typeof ISSUE_CODES;

export type IssueMessage = { th: string; en: string };

/** The issue shape shared by the pipeline and API errors; row and column are null for file-level issues. */
export type Issue = {
  row: number | null;
  column: string | null;
  value: string | null;
  code: IssueCode;
  severity: IssueSeverity;
  message: IssueMessage;
};

/**
 * Builds an issue with severity and messages from the catalogue; `detail` is appended after a
 * colon ('ไม่พบคอลัมน์ที่จำเป็น: ตำบล'). Callers pass an already masked value for citizen IDs.
 */
export function makeIssue(
  code: IssueCode,
  where: { row?: number | null; column?: string | null; value?: string | null; detail?: IssueMessage } = {},
): Issue {
  const def: IssueDefinition = ISSUE_CODES[code];
  const withDetail = (base: string, extra: string | undefined) => (extra ? `${base}: ${extra}` : base);
  return {
    row: where.row ?? null,
    column: where.column ?? null,
    value: where.value ?? null,
    code,
    severity: def.severity,
    message: { th: withDetail(def.th, where.detail?.th), en: withDetail(def.en, where.detail?.en) },
  };
}
