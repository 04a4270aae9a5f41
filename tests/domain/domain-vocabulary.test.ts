import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// domain/ has no index (issue #21): callers import the file that defines what they use. This
// checks the public vocabulary is there, each name defined by exactly one domain file.
const DOMAIN = new URL('../../domain/', import.meta.url);

describe('domain files', () => {
  it('export the public vocabulary, each name from one file only', async () => {
    const files = readdirSync(DOMAIN).filter((f) => f.endsWith('.ts')).sort();
    const modules = await Promise.all(files.map(async (f) => [f, (await import(new URL(f, DOMAIN).href)) as Record<string, unknown>] as const));
    const owners = new Map<string, string[]>();
    for (const [file, mod] of modules) for (const name of Object.keys(mod)) owners.set(name, [...(owners.get(name) ?? []), file]);
    expect([...owners].filter(([, where]) => where.length > 1)).toEqual([]);
    const domain = Object.fromEntries(modules.flatMap(([, mod]) => Object.entries(mod)));

    const functions = [
      'ceToBe', 'beToCe', 'toThaiDigits', 'toAsciiDigits', 'fiscalYearOf', 'fiscalQuarterOf', 'quarterRange',
      'fiscalYearRange', 'roundCode', 'parseRoundCode', 'isValidIsoDate', 'daysInclusive', 'addDays',
      'formatThaiDate', 'formatThaiDateTime', 'parseDateInput', 'normalizeText', 'normalizeKey',
      'thaiIdCheckDigit', 'validateThaiId', 'makeThaiId', 'maskThaiId', 'resolveProducerType', 'resolveCategory',
      'parseStandards', 'standardLabel', 'producerTypeLabel', 'categoryLabel', 'validatePlan', 'nextDistrictState', 'nextProvinceState', 'actionNeedsReason',
      'reportNeedsReason', 'allowedDistrictActions', 'allowedProvinceActions', 'isDistrictRoundLocked', 'canReopen',
      'isWithinWindow', 'bangkokDate', 'daysLeft', 'makeIssue', 'resolveHeader',
    ];
    for (const name of functions) expect(typeof domain[name], name).toBe('function');
    const values = ['THAI_MONTHS', 'THAI_MONTHS_SHORT', 'PRODUCER_TYPES', 'PRODUCT_CATEGORIES', 'PRODUCT_STANDARDS',
      'LETTER_PLAN_AS_WRITTEN', 'LETTER_PLAN_AS_MEANT', 'ACTION_ROLE', 'ISSUE_CODES', 'REGISTRATION_COLUMNS', 'TYPE_COLORS'];
    for (const name of values) expect(domain[name], name).toBeTypeOf('object');
  });
});
