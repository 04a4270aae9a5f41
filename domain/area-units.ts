// What the units of an area are called: Bangkok (province code 10) is divided into เขต and แขวง,
// every other province into อำเภอ and ตำบล. Forms, headings and columns name a unit as it is
// called in its province.

export const BANGKOK_CODE = '10';

export interface AreaUnits {
  /** The province level as a name prefix: 'จังหวัด' ('จังหวัดบึงกาฬ'); Bangkok is named alone ('กรุงเทพมหานคร'). */
  province: string;
  /** 'อำเภอ' or 'เขต'. */
  district: string;
  /** 'ตำบล' or 'แขวง'. */
  subdistrict: string;
  /** Whom a province's letter to its districts is addressed to. */
  addressee: string;
}

const PROVINCE_UNITS: AreaUnits = { province: 'จังหวัด', district: 'อำเภอ', subdistrict: 'ตำบล', addressee: 'นายอำเภอทุกอำเภอ' };
const BANGKOK_UNITS: AreaUnits = { province: '', district: 'เขต', subdistrict: 'แขวง', addressee: 'ผู้อำนวยการเขตทุกเขต' };

/** The unit names of the province (or district or subdistrict) with this code. */
export function areaUnits(code: string | null | undefined): AreaUnits {
  return code?.slice(0, 2) === BANGKOK_CODE ? BANGKOK_UNITS : PROVINCE_UNITS;
}
