// Who sends and signs a province's papers when no office profile names the office: a province's
// community-development office for its governor; Bangkok, which has none, the city itself.
import { describe, expect, it } from 'vitest';
import { areaUnits, sendingOffice, TITLE_BLANK } from '../../domain/area-units.ts';

describe('sendingOffice', () => {
  it('a province: its CDD office at the provincial hall, signed by พัฒนาการจังหวัด for the governor', () => {
    expect(sendingOffice('38', 'บึงกาฬ')).toEqual({
      office: 'สำนักงานพัฒนาชุมชนจังหวัดบึงกาฬ',
      hall: 'ศาลากลางจังหวัดบึงกาฬ',
      signature: ['พัฒนาการจังหวัดบึงกาฬ ปฏิบัติราชการแทน', 'ผู้ว่าราชการจังหวัดบึงกาฬ'],
    });
  });

  it('Bangkok (and any of its district codes): the city at its city hall, a title left blank, for the governor of Bangkok', () => {
    for (const code of ['10', '1001']) {
      const s = sendingOffice(code, 'กรุงเทพมหานคร');
      expect(s).toEqual({ office: 'กรุงเทพมหานคร', hall: 'ศาลาว่าการกรุงเทพมหานคร', signature: [TITLE_BLANK, 'ปฏิบัติราชการแทนผู้ว่าราชการกรุงเทพมหานคร'] });
      expect(s.signature.join(' ')).not.toContain('พัฒนาการ');
    }
    expect(areaUnits('10').self).toBe('กรุงเทพมหานคร');
    expect(areaUnits('38').self).toBe('จังหวัด');
  });
});
