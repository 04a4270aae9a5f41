// Issue #21: services refuse with a DomainError (no HTTP in them); the HTTP layer maps it to the
// same problem+json as before in one place, and one rule says who sees citizen IDs in full.
import { describe, expect, it } from 'vitest';
import { citizenIdVisibility } from '../../api/auth/citizen-id-visibility.ts';
import { scopeFilter, seesFullCitizenIds } from '../../api/auth/scope.ts';
import type { SessionUser } from '../../api/auth/session-user.ts';
import { DomainError, fieldIssue } from '../../api/domain-error.ts';
import { domainProblem } from '../../api/http/domain-problem.ts';
import { PROBLEM_BASE } from '../../api/http/problem.ts';
import { planExport } from '../../api/exports/plan-export.ts';
import type { Db } from '../../db/create-db.ts';

const user = (role: SessionUser['role'], provinceCode: string | null = null, districtCode: string | null = null): SessionUser => ({
  id: '00000000-0000-0000-0000-000000000001',
  username: role,
  role,
  provinceCode,
  districtCode,
  displayName: role,
  mustChangePassword: false,
});

// Refusals decided before any read: the database handle is never touched.
const noDb = new Proxy({}, { get: () => { throw new Error('no database read expected'); } }) as unknown as Db;

describe('services refuse with a DomainError', () => {
  it('scope: an administrator sees no registration data (forbidden, with the reason)', () => {
    const err = (() => { try { scopeFilter(user('admin')); } catch (e) { return e; } })();
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).kind).toBe('forbidden');
    expect((err as DomainError).info.detail?.en).toBe('Administrator accounts manage accounts and see no registration data');
  });

  it('export planning: an unknown dataset is not-found, a bad fiscal year is invalid-request naming the field', async () => {
    await expect(planExport(noDb, { dataset: 'nothing' as never, format: 'csv', scope: {} })).rejects.toMatchObject({ name: 'DomainError', kind: 'not-found' });
    const err = await planExport(noDb, { dataset: 'products', format: 'csv', scope: {}, filter: { fiscalYear: 1999 } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).kind).toBe('invalid-request');
    expect((err as DomainError).info.issues?.map((i) => i.column)).toEqual(['fy']);
  });
});

describe('domainProblem: the one HTTP mapping', () => {
  it('keeps the status, type and words routes answered before', () => {
    expect(domainProblem(DomainError.notFound()).problem).toEqual({ type: `${PROBLEM_BASE}not-found`, title: 'Not found', titleTh: 'ไม่พบสิ่งที่ขอ', status: 404 });
    expect(domainProblem(DomainError.forbidden()).problem).toEqual({
      type: `${PROBLEM_BASE}forbidden`, title: 'Your role may not do this', titleTh: 'บทบาทของท่านไม่มีสิทธิ์ดำเนินการนี้', status: 403,
    });
    expect(domainProblem(DomainError.forbidden({ en: 'Why', th: 'เพราะ' })).problem).toMatchObject({ status: 403, detail: 'Why', detailTh: 'เพราะ' });
    const issue = fieldIssue('round', 'invalid-value', { en: "round must look like '2561-Q1'", th: "รอบต้องอยู่ในรูป '2561-Q1'" });
    expect(domainProblem(DomainError.invalid([issue])).problem).toEqual({
      type: `${PROBLEM_BASE}invalid-request`, title: 'The request has invalid values', titleTh: 'ข้อมูลที่ส่งมาไม่ถูกต้อง', status: 422, issues: [issue],
    });
  });
});

describe('citizenIdVisibility: one rule for the data routes, exports and the CLI', () => {
  it('district and province officers see IDs in full; the department and analysts masked', () => {
    expect(['district', 'province', 'department', 'analyst', 'admin'].map((r) => citizenIdVisibility({ role: r as SessionUser['role'] }))).toEqual([
      'full', 'full', 'masked', 'masked', 'masked',
    ]);
  });

  it('in full only within the officer’s own area', () => {
    const row = { districtCode: '3801', provinceCode: '38' };
    expect(seesFullCitizenIds(user('district', '38', '3801'), row)).toBe(true);
    expect(seesFullCitizenIds(user('district', '38', '3802'), row)).toBe(false);
    expect(seesFullCitizenIds(user('province', '38'), row)).toBe(true);
    expect(seesFullCitizenIds(user('province', '43'), row)).toBe(false);
    expect(seesFullCitizenIds(user('department'), row)).toBe(false);
  });
});
