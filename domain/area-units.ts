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
  /** The province itself in a sentence ('ให้จังหวัดทราบ'; Bangkok: 'ให้กรุงเทพมหานครทราบ'). */
  self: string;
  /**
   * The unit of each district that registers the producers: the district's community-development
   * office (สำนักงานพัฒนาชุมชนอำเภอ); in Bangkok, which has none, the community-development and
   * social-welfare section of each district office.
   */
  registeringOffice: string;
}

const PROVINCE_UNITS: AreaUnits = { province: 'จังหวัด', district: 'อำเภอ', subdistrict: 'ตำบล', addressee: 'นายอำเภอทุกอำเภอ', self: 'จังหวัด', registeringOffice: 'สำนักงานพัฒนาชุมชนอำเภอ' };
const BANGKOK_UNITS: AreaUnits = { province: '', district: 'เขต', subdistrict: 'แขวง', addressee: 'ผู้อำนวยการเขตทุกเขต', self: 'กรุงเทพมหานคร', registeringOffice: 'ฝ่ายพัฒนาชุมชนและสวัสดิการสังคม สำนักงานเขต' };

/** The unit names of the province (or district or subdistrict) with this code. */
export function areaUnits(code: string | null | undefined): AreaUnits {
  return code?.slice(0, 2) === BANGKOK_CODE ? BANGKOK_UNITS : PROVINCE_UNITS;
}

/** A blank for the signer to write a title the system does not know. */
export const TITLE_BLANK = 'ตำแหน่ง ..........................................';

/**
 * Who a province's papers to its districts are sent by when no office profile names the office,
 * and who signs them. A province's are the provincial community-development office
 * (สำนักงานพัฒนาชุมชนจังหวัด) at the provincial hall, signed by its head (พัฒนาการจังหวัด) for the
 * governor. Bangkok has no such office: community development is the city's own (กรุงเทพมหานคร,
 * at ศาลาว่าการกรุงเทพมหานคร), and the delegate who signs for the governor of Bangkok has no title
 * the system could know, so the title is left for the signer to write.
 */
export function sendingOffice(code: string | null | undefined, provinceNameTh: string): { office: string; hall: string; signature: readonly string[] } {
  if (areaUnits(code) === BANGKOK_UNITS) {
    return { office: 'กรุงเทพมหานคร', hall: 'ศาลาว่าการกรุงเทพมหานคร', signature: [TITLE_BLANK, 'ปฏิบัติราชการแทนผู้ว่าราชการกรุงเทพมหานคร'] };
  }
  return {
    office: `สำนักงานพัฒนาชุมชนจังหวัด${provinceNameTh}`,
    hall: `ศาลากลางจังหวัด${provinceNameTh}`,
    signature: [`พัฒนาการจังหวัด${provinceNameTh} ปฏิบัติราชการแทน`, `ผู้ว่าราชการจังหวัด${provinceNameTh}`],
  };
}
