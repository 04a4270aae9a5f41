import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GeographyFiles } from '../import-geography.ts';
import { demoRandom } from '../seed/demo-random.ts';
import { BUENG_KAN_DISTRICTS, BUENG_KAN_PROVINCE } from '../seed/bueng-kan-geography.ts';

/** The geography files (provinces.json, districts.json, subdistricts.json) in a directory, or null when absent. */
export function readGeographyDir(dir: string): GeographyFiles | null {
  const names = ['provinces', 'districts', 'subdistricts'] as const;
  if (!names.every((n) => existsSync(join(dir, `${n}.json`)))) return null;
  const read = (n: string) => JSON.parse(readFileSync(join(dir, `${n}.json`), 'utf8')) as unknown[];
  return { provinces: read('provinces'), districts: read('districts'), subdistricts: read('subdistricts') };
}

const FIRST = ['บ้าน', 'หนอง', 'โนน', 'นา', 'ดอน', 'ห้วย', 'โคก', 'ป่า', 'ท่า', 'วัง', 'บึง', 'คำ', 'สระ', 'เหล่า', 'ทุ่ง', 'หัว'];
const SECOND = ['ใหม่', 'แดง', 'ทอง', 'คำ', 'สูง', 'ยาว', 'บัว', 'ไผ่', 'ม่วง', 'ขาม', 'แก้ว', 'เจริญ', 'สว่าง', 'งาม', 'ศรี', 'หลวง'];

/**
 * A made-up country with the real one's proportions (77 provinces, about 930 districts and
 * 7,400 subdistricts), in the same file shape, for machines without the reference geography.
 * Province 38 is Bueng Kan as the product ships it, so importing this never renames it. Every
 * made-up row carries `synthetic: true`: imported, it is marked synthetic in the database, refused
 * into a database with real geography unless forced, and `otop geo remove --synthetic` removes it.
 */
export function synthesizeGeography(seed = 2561): GeographyFiles {
  const r = demoRandom(seed);
  const provinces: unknown[] = [];
  const districts: unknown[] = [];
  const subdistricts: unknown[] = [];
  const codes = Array.from({ length: 77 }, (_, i) => 10 + i).filter((c) => c !== 38);
  provinces.push({ provinceCode: 38, provinceNameTh: BUENG_KAN_PROVINCE.nameTh, provinceNameEn: BUENG_KAN_PROVINCE.nameEn });
  for (const d of BUENG_KAN_DISTRICTS) {
    districts.push({ provinceCode: 38, districtCode: Number(d.code), districtNameTh: d.nameTh, districtNameEn: d.nameEn, postalCode: Number(d.postalCode) });
    for (const [suffix, nameTh, nameEn] of d.subdistricts) {
      subdistricts.push({
        provinceCode: 38, districtCode: Number(d.code), subdistrictCode: Number(`${d.code}${suffix}`),
        subdistrictNameTh: nameTh, subdistrictNameEn: nameEn, postalCode: Number(d.postalCode),
      });
    }
  }
  for (const code of codes) {
    const name = `${r.pick(FIRST)}${r.pick(SECOND)}${code}`;
    provinces.push({ provinceCode: code, provinceNameTh: `จังหวัด${name}`, provinceNameEn: `Province ${code}`, synthetic: true });
    const count = r.int(6, 18);
    for (let d = 1; d <= count; d++) {
      const districtCode = code * 100 + d;
      const districtName = d === 1 ? `เมือง${name}` : `${r.pick(FIRST)}${r.pick(SECOND)}${districtCode}`;
      districts.push({
        provinceCode: code, districtCode, districtNameTh: districtName, districtNameEn: `District ${districtCode}`,
        postalCode: code * 1000 + d * 10, synthetic: true,
      });
      const subs = r.int(4, 12);
      const used = new Set<string>();
      for (let s = 1; s <= subs; s++) {
        let subName = `${r.pick(FIRST)}${r.pick(SECOND)}`;
        if (used.has(subName)) subName = `${subName}${s}`;
        used.add(subName);
        subdistricts.push({
          provinceCode: code, districtCode, subdistrictCode: districtCode * 100 + s,
          subdistrictNameTh: subName, subdistrictNameEn: `Subdistrict ${districtCode * 100 + s}`, postalCode: code * 1000 + d * 10,
          synthetic: true,
        });
      }
    }
  }
  return { provinces, districts, subdistricts };
}
