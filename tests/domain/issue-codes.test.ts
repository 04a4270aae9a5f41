import { describe, expect, it } from 'vitest';
import { ISSUE_CODES, type IssueCode, makeIssue } from '../../domain/issue-codes.ts';

const FILE_CODES = ['missing-column', 'duplicate-column', 'empty-file', 'unreadable-file', 'binary-file', 'too-large', 'inflation-limit', 'too-many-rows', 'round-locked', 'unknown-round'];
const ROW_ERRORS = [
  'missing-value',
  'invalid-citizen-id',
  'unknown-subdistrict',
  'subdistrict-not-in-district',
  'district-out-of-scope',
  'invalid-category',
  'invalid-producer-type',
  'invalid-number',
  'out-of-range',
  'invalid-date',
  'invalid-phone',
  'duplicate-row',
  'registered-in-other-district',
  'registered-in-other-province',
];
const WARNINGS = ['round-closed-late', 'encoding-replaced', 'normalized', 'inconsistent-producer', 'unknown-standard'];

describe('ISSUE_CODES', () => {
  it('holds exactly the pipeline codes', () => {
    expect(Object.keys(ISSUE_CODES).sort()).toEqual([...FILE_CODES, ...ROW_ERRORS, ...WARNINGS].sort());
  });

  it('marks file-level codes as file errors', () => {
    for (const code of FILE_CODES) {
      expect(ISSUE_CODES[code as IssueCode], code).toMatchObject({ level: 'file', severity: 'error' });
    }
  });

  it('marks row-level problems as errors and the three advisory codes as warnings', () => {
    for (const code of ROW_ERRORS) expect(ISSUE_CODES[code as IssueCode], code).toMatchObject({ level: 'row', severity: 'error' });
    for (const code of WARNINGS) expect(ISSUE_CODES[code as IssueCode], code).toMatchObject({ level: 'row', severity: 'warning' });
  });

  it('has a Thai and an English message for every code, each distinct', () => {
    const defs = Object.values(ISSUE_CODES);
    for (const def of defs) {
      expect(def.th).toMatch(/[\u0E01-\u0E4F]/);
      expect(def.th).not.toMatch(/[\u0E50-\u0E59]/); // no Thai digits to fold later
      expect(def.en).toMatch(/^[A-Z][\x20-\x7E]+$/);
    }
    expect(new Set(defs.map((d) => d.th)).size).toBe(defs.length);
    expect(new Set(defs.map((d) => d.en)).size).toBe(defs.length);
  });
});

describe('makeIssue', () => {
  it('fills severity and messages from the catalogue', () => {
    expect(makeIssue('invalid-citizen-id', { row: 7, column: 'เลขประจำตัวประชาชน', value: 'x-xxxx-xxxxx-45-6' })).toEqual({
      row: 7,
      column: 'เลขประจำตัวประชาชน',
      value: 'x-xxxx-xxxxx-45-6',
      code: 'invalid-citizen-id',
      severity: 'error',
      message: { th: 'เลขประจำตัวประชาชนไม่ถูกต้อง', en: 'Invalid citizen ID' },
    });
  });

  it('appends a detail after a colon in both languages', () => {
    const issue = makeIssue('missing-column', { row: null, column: null, value: null, detail: { th: 'ตำบล', en: 'subdistrict' } });
    expect(issue.message).toEqual({ th: 'ไม่พบคอลัมน์ที่จำเป็น: ตำบล', en: 'A required column is missing: subdistrict' });
  });

  it('defaults row, column and value to null for file-level issues', () => {
    const issue = makeIssue('empty-file');
    expect(issue).toMatchObject({ row: null, column: null, value: null, severity: 'error' });
  });

  it('carries warning severity', () => {
    expect(makeIssue('normalized', { row: 2, column: 'ชื่อกลุ่ม', value: 'แม่บ้าน' }).severity).toBe('warning');
  });
});
