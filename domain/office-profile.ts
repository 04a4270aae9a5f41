import { normalizeText } from './normalize-text.ts';

/** The sending office as an admin enters it (before validation). */
export interface OfficeProfileFields {
  nameTh: string;
  address: string;
  phone: string;
  email: string;
  /**
   * The position lines under the signer's name on the covering letter ('\n' between lines),
   * for a province whose letters someone other than the default signs; null or blank: the
   * default (พัฒนาการจังหวัด… ปฏิบัติราชการแทน ผู้ว่าราชการจังหวัด…; Bangkok: a title left to write).
   */
  signerPosition?: string | null | undefined;
}

/** What validation returns: every text field normalised, the signer's lines or null. */
export type OfficeProfileValues = Required<Omit<OfficeProfileFields, 'signerPosition'>> & { signerPosition: string | null };

export type EmblemType = 'image/png' | 'image/jpeg';

export interface EmblemInfo {
  type: EmblemType;
  width: number;
  height: number;
}

export interface OfficeProfileIssue {
  column: 'name' | 'address' | 'phone' | 'email' | 'signer' | 'emblem';
  code: 'missing-value' | 'invalid-value' | 'too-large';
  message: { th: string; en: string };
}

/** The largest emblem stored (the database holds the same limit). */
export const EMBLEM_MAX_BYTES = 256 * 1024;
/** The largest side of an emblem, in pixels: an emblem prints about 3 cm wide. */
export const EMBLEM_MAX_SIDE = 2000;

type RequiredField = Exclude<keyof OfficeProfileFields, 'signerPosition'>;
const LIMITS: Record<RequiredField, number> = { nameTh: 200, address: 300, phone: 80, email: 120 };
const COLUMN: Record<RequiredField, OfficeProfileIssue['column']> = { nameTh: 'name', address: 'address', phone: 'phone', email: 'email' };
/** The signer's position: at most three lines (a title, "ปฏิบัติราชการแทน", whom for) of at most 100 characters. */
const SIGNER_MAX_LINES = 3;
const SIGNER_MAX_LINE = 100;
const LABEL: Record<RequiredField, { th: string; en: string }> = {
  nameTh: { th: 'ชื่อสำนักงาน', en: 'office name' },
  address: { th: 'ที่อยู่', en: 'address' },
  phone: { th: 'หมายเลขโทรศัพท์', en: 'phone' },
  email: { th: 'อีเมล', en: 'e-mail' },
};
// Digits, spaces and the punctuation Thai offices write numbers with: 0 4249 1234, 0-4249-1234 ต่อ 12, โทรสาร.
const PHONE = /^[0-9+()\-.,/ ]*[0-9][0-9+()\-.,/ ]*(?:\s*(?:ต่อ|โทรสาร|ext\.?)\s*[0-9\-, ]+)*$/u;
const EMAIL = /^[^\s@<>()[\],;:"]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$/u;

/**
 * An office profile's text, normalised (NFC, Thai digits folded, zero-width characters and
 * doubled spaces removed) and checked: every field present and not too long, the phone a
 * number as offices write it, the e-mail an address, the signer's position (optional) at most
 * three lines. Issues in Thai and English.
 */
export function validateOfficeProfile(input: OfficeProfileFields): { value: OfficeProfileValues; issues: OfficeProfileIssue[] } {
  const issues: OfficeProfileIssue[] = [];
  const value = { signerPosition: null } as OfficeProfileValues;
  for (const key of Object.keys(LIMITS) as RequiredField[]) {
    const text = normalizeText(String(input[key] ?? '')).value.trim();
    value[key] = text;
    const label = LABEL[key];
    if (text === '') {
      issues.push({ column: COLUMN[key], code: 'missing-value', message: { th: `ต้องระบุ${label.th}`, en: `${label.en} is required` } });
    } else if (text.length > LIMITS[key]) {
      issues.push({
        column: COLUMN[key],
        code: 'invalid-value',
        message: { th: `${label.th}ยาวเกิน ${LIMITS[key]} ตัวอักษร`, en: `${label.en} is longer than ${LIMITS[key]} characters` },
      });
    }
  }
  if (value.phone && !issues.some((i) => i.column === 'phone') && !PHONE.test(value.phone)) {
    issues.push({ column: 'phone', code: 'invalid-value', message: { th: 'หมายเลขโทรศัพท์ต้องเป็นตัวเลข เช่น 0 4249 1234', en: 'phone must be a number, such as 0 4249 1234' } });
  }
  if (value.email && !issues.some((i) => i.column === 'email') && !EMAIL.test(value.email)) {
    issues.push({ column: 'email', code: 'invalid-value', message: { th: 'อีเมลไม่ถูกต้อง เช่น bk@cdd.go.th', en: 'e-mail is not an address, such as bk@cdd.go.th' } });
  }
  const signer = signerLines(input.signerPosition);
  if (signer.length > SIGNER_MAX_LINES) {
    issues.push({
      column: 'signer',
      code: 'invalid-value',
      message: { th: `ตำแหน่งผู้ลงนามมีได้ไม่เกิน ${SIGNER_MAX_LINES} บรรทัด`, en: `the signer's position may have at most ${SIGNER_MAX_LINES} lines` },
    });
  } else if (signer.some((line) => line.length > SIGNER_MAX_LINE)) {
    issues.push({
      column: 'signer',
      code: 'invalid-value',
      message: { th: `ตำแหน่งผู้ลงนามยาวเกินบรรทัดละ ${SIGNER_MAX_LINE} ตัวอักษร`, en: `a line of the signer's position is longer than ${SIGNER_MAX_LINE} characters` },
    });
  }
  value.signerPosition = signer.length > 0 ? signer.join('\n') : null;
  return { value, issues };
}

/** The signer's position as lines: each normalised, blank lines dropped (CR LF, CR or LF between them). */
function signerLines(text: string | null | undefined): string[] {
  return String(text ?? '')
    .split(/\r\n|\r|\n|\u2028|\u2029/)
    .map((line) => normalizeText(line).value)
    .filter((line) => line !== '');
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function jpegSize(b: Uint8Array): { width: number; height: number } | null {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i += 1;
      continue;
    }
    const length = (b[i + 2]! << 8) | b[i + 3]!;
    // Start of frame (baseline, progressive …), not DHT (C4), JPG (C8) or DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: (b[i + 5]! << 8) | b[i + 6]!, width: (b[i + 7]! << 8) | b[i + 8]! };
    }
    if (length < 2) return null;
    i += 2 + length;
  }
  return null;
}

const emblemIssue = (code: OfficeProfileIssue['code'], th: string, en: string): OfficeProfileIssue => ({ column: 'emblem', code, message: { th, en } });

/**
 * What an emblem file is, read from its own bytes (never its name or a declared type): a PNG
 * or a JPEG no larger than EMBLEM_MAX_BYTES and EMBLEM_MAX_SIDE pixels a side; or why not.
 */
export function sniffEmblem(bytes: Uint8Array): { ok: true; info: EmblemInfo } | { ok: false; issue: OfficeProfileIssue } {
  if (bytes.length === 0) return { ok: false, issue: emblemIssue('missing-value', 'ไฟล์ตราสัญลักษณ์ว่างเปล่า', 'the emblem file is empty') };
  if (bytes.length > EMBLEM_MAX_BYTES) {
    return {
      ok: false,
      issue: emblemIssue('too-large', `ไฟล์ตราสัญลักษณ์ใหญ่เกิน ${EMBLEM_MAX_BYTES / 1024} KB`, `the emblem file is larger than ${EMBLEM_MAX_BYTES / 1024} KB`),
    };
  }
  let info: EmblemInfo | null = null;
  if (bytes.length > 24 && PNG_SIGNATURE.every((v, i) => bytes[i] === v) && String.fromCharCode(...bytes.slice(12, 16)) === 'IHDR') {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    info = { type: 'image/png', width: view.getUint32(16), height: view.getUint32(20) };
  } else if (bytes.length > 4 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    const size = jpegSize(bytes);
    if (size) info = { type: 'image/jpeg', ...size };
  }
  if (!info || info.width === 0 || info.height === 0) {
    return { ok: false, issue: emblemIssue('invalid-value', 'ตราสัญลักษณ์ต้องเป็นไฟล์ภาพ PNG หรือ JPEG', 'the emblem must be a PNG or JPEG image') };
  }
  if (info.width > EMBLEM_MAX_SIDE || info.height > EMBLEM_MAX_SIDE) {
    return {
      ok: false,
      issue: emblemIssue('too-large', `ภาพตราสัญลักษณ์ต้องกว้างและสูงไม่เกิน ${EMBLEM_MAX_SIDE} พิกเซล`, `the emblem must be at most ${EMBLEM_MAX_SIDE} pixels a side`),
    };
  }
  return { ok: true, info };
}
