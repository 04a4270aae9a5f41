import type { IssueMessage } from '../domain/issue-codes.ts';

/** Who is loading: the signed-in user (API) or the operator (CLI). */
export type Uploader = {
  id: string | null;
  username: string;
  role: 'district' | 'province' | 'department' | 'analyst' | 'admin';
  districtCode: string | null;
  provinceCode: string | null;
};

/**
 * Why this uploader may not load into the district (null: allowed). A district officer loads
 * only their own district, a province officer the districts of their province, the department
 * and administrators any district; analysts read and never load.
 */
export function uploaderScopeProblem(user: Uploader, district: { code: string; provinceCode: string }): IssueMessage | null {
  switch (user.role) {
    case 'department':
    case 'admin':
      return null;
    case 'province':
      return user.provinceCode === district.provinceCode
        ? null
        : { th: `อำเภอ ${district.code} ไม่อยู่ในจังหวัดของผู้ใช้`, en: `district ${district.code} is not in your province` };
    case 'district':
      return user.districtCode === district.code
        ? null
        : { th: `ผู้ใช้ส่งข้อมูลได้เฉพาะอำเภอ ${user.districtCode ?? '-'}`, en: `you may load only district ${user.districtCode ?? '-'}` };
    case 'analyst':
      return { th: 'ผู้ใช้ประเภทนักวิเคราะห์อ่านข้อมูลได้อย่างเดียว', en: 'analysts have read-only access' };
  }
}
