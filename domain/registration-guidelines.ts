// The registration guidelines (แนวทางการลงทะเบียน, the letter's enclosure 4): who registers,
// with which documents, in which steps. The one text of them: the printed enclosure
// (reports/forms/guidelines-document.ts) sets the Thai, the dashboard's guidelines page
// (dashboard/pages/guidelines-page.tsx) either language.

/** A guideline in both languages (the dashboard's `label(lang, …)` picks one). */
export interface GuidelineText {
  th: string;
  en: string;
}

export const GUIDELINES_TITLE = 'แนวทางการลงทะเบียนผู้ผลิตผู้ประกอบการ OTOP';

/** The sections' headings, in the enclosure's order. */
export const GUIDELINES_SECTIONS = {
  who: { th: 'ผู้มีสิทธิ์ลงทะเบียน', en: 'Who may register' },
  documents: { th: 'เอกสารที่ต้องใช้', en: 'Documents needed' },
  steps: { th: 'ขั้นตอนการลงทะเบียน', en: 'Registration steps' },
  types: { th: 'ประเภทผู้ผลิต', en: 'Producer types' },
  categories: { th: 'ประเภทผลิตภัณฑ์ OTOP', en: 'OTOP product categories' },
  standards: { th: 'มาตรฐานผลิตภัณฑ์ที่บันทึกได้', en: 'Product standards recorded' },
  plan: { th: 'ช่วงเวลาตามแผน', en: 'Planned windows' },
} as const satisfies Record<string, GuidelineText>;

export const GUIDELINES_WHO: readonly GuidelineText[] = [
  {
    th: 'ผู้ผลิตผู้ประกอบการ OTOP ลงทะเบียนที่สำนักงานพัฒนาชุมชนอำเภอที่ตั้งแหล่งผลิต',
    en: 'OTOP producers and entrepreneurs register at the district community-development office where they produce',
  },
  { th: 'เจ้าของและสมาชิกเป็นผู้มีสัญชาติไทย', en: 'Owners and members are Thai nationals' },
  {
    th: 'ลงทะเบียนทุกปี ตั้งแต่ปี ๒๕๖๐ เป็นต้นไป ผู้ที่ลงทะเบียนปีก่อนต้องต่ออายุในปีนี้',
    en: 'Registration is yearly from 2560 BE (2017) on; last year’s producers renew this year',
  },
];

export const GUIDELINES_DOCUMENTS: readonly GuidelineText[] = [
  {
    th: 'สำเนาบัตรประจำตัวประชาชน (เลข ๑๓ หลัก) ของเจ้าของหรือประธานกลุ่ม หรือหนังสือรับรองนิติบุคคล (เลข ๑๓ หลัก)',
    en: 'Copy of the owner’s or group chair’s citizen ID card (13 digits), or the juristic-person certificate (13 digits)',
  },
  { th: 'ที่ตั้งแหล่งผลิต: บ้านเลขที่ หมู่ที่ ตำบล', en: 'Place of production: house no., village no., subdistrict' },
  {
    th: 'รายชื่อผลิตภัณฑ์ ประเภทผลิตภัณฑ์ และมาตรฐานที่ได้รับ (ถ้ามี) เช่น อย. มผช. มอก.',
    en: 'The products, their category and any standards held (e.g. Thai FDA, community product standard, TIS)',
  },
];

export const GUIDELINES_STEPS: readonly GuidelineText[] = [
  {
    th: 'สำนักงานพัฒนาชุมชนอำเภอบันทึกข้อมูลผู้ผลิตผู้ประกอบการในระบบออนไลน์ (นำเข้าไฟล์หรือกรอกแบบฟอร์ม) ภายในช่วงวันที่ตามแผน',
    en: 'The district community-development office records the producers in the online system (file upload or form) within the planned dates',
  },
  {
    th: 'ตรวจสอบรายการที่ระบบแจ้งว่าไม่ถูกต้อง แก้ไขแล้วส่งข้อมูลให้จังหวัด',
    en: 'Check the rows the system reports as wrong, correct them and submit the data to the province',
  },
  {
    th: 'จังหวัดตรวจสอบและรับรองข้อมูลของแต่ละอำเภอ ประกาศรับรอง และรายงานกรมฯ',
    en: 'The province checks and certifies each district’s data, announces the certification and reports to the department',
  },
  { th: 'กรมฯ ประกาศรับรองข้อมูลผลการลงทะเบียนทั่วประเทศ', en: 'The department announces the certified registration results nationwide' },
];
