export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;

/** What is wrong with a new password, in Thai and English; empty when it is acceptable. */
export function passwordProblems(password: string, username: string): { en: string; th: string }[] {
  const problems: { en: string; th: string }[] = [];
  const length = [...password.normalize('NFC')].length;
  if (length < MIN_PASSWORD_LENGTH) {
    problems.push({
      en: `The password must have at least ${MIN_PASSWORD_LENGTH} characters`,
      th: `รหัสผ่านต้องมีอย่างน้อย ${MIN_PASSWORD_LENGTH} ตัวอักษร`,
    });
  }
  if (length > MAX_PASSWORD_LENGTH) {
    problems.push({ en: `The password may have at most ${MAX_PASSWORD_LENGTH} characters`, th: `รหัสผ่านยาวได้ไม่เกิน ${MAX_PASSWORD_LENGTH} ตัวอักษร` });
  }
  if (password.trim().toLowerCase() === username.trim().toLowerCase()) {
    problems.push({ en: 'The password may not be the username', th: 'รหัสผ่านต้องไม่เหมือนชื่อผู้ใช้' });
  }
  return problems;
}
