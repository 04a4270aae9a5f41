/**
 * Bueng Kan (province 38): the reference geography the product ships so a new installation
 * works at once. Codes and Thai names follow the DOPA list; Thai names are authoritative
 * (the public dataset this was checked against has shifted English names and two wrong
 * postal codes here — see shared/geo/NOTES.md). Other provinces come in through
 * `npx otop geo import`.
 */
export interface SeedDistrict {
  code: string;
  nameTh: string;
  nameEn: string;
  postalCode: string;
  subdistricts: ReadonlyArray<readonly [suffix: string, nameTh: string, nameEn: string]>;
}

export const BUENG_KAN_PROVINCE = { code: '38', nameTh: 'บึงกาฬ', nameEn: 'Bueng Kan' } as const;

export const BUENG_KAN_DISTRICTS: readonly SeedDistrict[] = [
  {
    code: '3801', nameTh: 'เมืองบึงกาฬ', nameEn: 'Mueang Bueng Kan', postalCode: '38000',
    subdistricts: [
      ['01', 'บึงกาฬ', 'Bueng Kan'], ['02', 'โนนสมบูรณ์', 'Non Sombun'], ['03', 'โนนสว่าง', 'Non Sawang'],
      ['04', 'หอคำ', 'Ho Kham'], ['05', 'หนองเลิง', 'Nong Loeng'], ['06', 'โคกก่อง', 'Khok Kong'],
      ['07', 'นาสวรรค์', 'Na Sawan'], ['08', 'ไคสี', 'Khai Si'], ['09', 'ชัยพร', 'Chaiyaphon'],
      ['10', 'วิศิษฐ์', 'Wisit'], ['11', 'คำนาดี', 'Kham Na Di'], ['12', 'โป่งเปือย', 'Pong Pueai'],
    ],
  },
  {
    code: '3802', nameTh: 'พรเจริญ', nameEn: 'Phon Charoen', postalCode: '38180',
    subdistricts: [
      ['01', 'ศรีชมภู', 'Si Chomphu'], ['02', 'ดอนหญ้านาง', 'Don Ya Nang'], ['03', 'พรเจริญ', 'Phon Charoen'],
      ['04', 'หนองหัวช้าง', 'Nong Hua Chang'], ['05', 'วังชมภู', 'Wang Chomphu'], ['06', 'ป่าแฝก', 'Pa Faek'],
      ['07', 'ศรีสำราญ', 'Si Samran'],
    ],
  },
  {
    code: '3803', nameTh: 'โซ่พิสัย', nameEn: 'So Phisai', postalCode: '38170',
    subdistricts: [
      ['01', 'โซ่', 'So'], ['02', 'หนองพันทา', 'Nong Phan Tha'], ['03', 'ศรีชมภู', 'Si Chomphu'],
      ['04', 'คำแก้ว', 'Kham Kaeo'], ['05', 'บัวตูม', 'Bua Tum'], ['06', 'ถ้ำเจริญ', 'Tham Charoen'],
      ['07', 'เหล่าทอง', 'Lao Thong'],
    ],
  },
  {
    code: '3804', nameTh: 'เซกา', nameEn: 'Seka', postalCode: '38150',
    subdistricts: [
      ['01', 'เซกา', 'Seka'], ['02', 'ซาง', 'Sang'], ['03', 'ท่ากกแดง', 'Tha Kok Daeng'],
      ['04', 'บ้านต้อง', 'Ban Tong'], ['05', 'ป่งไฮ', 'Pong Hai'], ['06', 'น้ำจั้น', 'Nam Chan'],
      ['07', 'ท่าสะอาด', 'Tha Sa-at'], ['08', 'หนองทุ่ม', 'Nong Thum'], ['09', 'โสกก่าม', 'Sok Kam'],
    ],
  },
  {
    code: '3805', nameTh: 'ปากคาด', nameEn: 'Pak Khat', postalCode: '38190',
    subdistricts: [
      ['01', 'ปากคาด', 'Pak Khat'], ['02', 'หนองยอง', 'Nong Yong'], ['03', 'นากั้ง', 'Na Kang'],
      ['04', 'โนนศิลา', 'Non Sila'], ['05', 'สมสนุก', 'Som Sanuk'], ['06', 'นาดง', 'Na Dong'],
    ],
  },
  {
    code: '3806', nameTh: 'บึงโขงหลง', nameEn: 'Bueng Khong Long', postalCode: '38220',
    subdistricts: [
      ['01', 'บึงโขงหลง', 'Bueng Khong Long'], ['02', 'โพธิ์หมากแข้ง', 'Pho Mak Khaeng'],
      ['03', 'ดงบัง', 'Dong Bang'], ['04', 'ท่าดอกคำ', 'Tha Dok Kham'],
    ],
  },
  {
    code: '3807', nameTh: 'ศรีวิไล', nameEn: 'Si Wilai', postalCode: '38210',
    subdistricts: [
      ['01', 'ศรีวิไล', 'Si Wilai'], ['02', 'ชุมภูพร', 'Chumphu Phon'], ['03', 'นาแสง', 'Na Saeng'],
      ['04', 'นาสะแบง', 'Na Sabaeng'], ['05', 'นาสิงห์', 'Na Sing'],
    ],
  },
  {
    code: '3808', nameTh: 'บุ่งคล้า', nameEn: 'Bung Khla', postalCode: '38000',
    subdistricts: [['01', 'บุ่งคล้า', 'Bung Khla'], ['02', 'หนองเดิ่น', 'Nong Doen'], ['03', 'โคกกว้าง', 'Khok Kwang']],
  },
];
