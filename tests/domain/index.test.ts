import { describe, expect, it } from 'vitest';
import * as domain from '../../domain/index.ts';

describe('domain/index.ts', () => {
  it('re-exports the public vocabulary of every domain file', () => {
    const functions = [
      'ceToBe', 'beToCe', 'toThaiDigits', 'toAsciiDigits', 'fiscalYearOf', 'fiscalQuarterOf', 'quarterRange',
      'fiscalYearRange', 'roundCode', 'parseRoundCode', 'isValidIsoDate', 'daysInclusive', 'addDays',
      'formatThaiDate', 'formatThaiDateTime', 'parseDateInput', 'normalizeText', 'normalizeKey',
      'thaiIdCheckDigit', 'validateThaiId', 'makeThaiId', 'maskThaiId', 'resolveProducerType', 'resolveCategory',
      'parseStandards', 'validatePlan', 'nextDistrictState', 'nextProvinceState', 'actionNeedsReason',
      'reportNeedsReason', 'allowedDistrictActions', 'allowedProvinceActions', 'isDistrictRoundLocked', 'canReopen',
      'isWithinWindow', 'bangkokDate', 'daysLeft', 'makeIssue', 'resolveHeader',
    ];
    for (const name of functions) expect(typeof (domain as Record<string, unknown>)[name], name).toBe('function');
    const values = ['THAI_MONTHS', 'THAI_MONTHS_SHORT', 'PRODUCER_TYPES', 'PRODUCT_CATEGORIES', 'PRODUCT_STANDARDS',
      'LETTER_PLAN_AS_WRITTEN', 'LETTER_PLAN_AS_MEANT', 'ACTION_ROLE', 'ISSUE_CODES', 'REGISTRATION_COLUMNS', 'TYPE_COLORS'];
    for (const name of values) expect((domain as Record<string, unknown>)[name], name).toBeTypeOf('object');
  });
});
