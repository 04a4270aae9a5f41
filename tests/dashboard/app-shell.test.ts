import { describe, expect, it } from 'vitest';
import { problemFromBody, syntheticProblem, withQuery } from '../../dashboard/api/client.ts';
import { homePath, matchRoute, navItems, routeAllowed } from '../../dashboard/routes.ts';
import { safeNext } from '../../dashboard/pages/sign-in-page.tsx';
import type { SessionUser } from '../../dashboard/api/types.ts';

const user = (role: SessionUser['role'], provinceCode: string | null = null, districtCode: string | null = null): SessionUser => ({
  id: 'u', username: role, role, provinceCode, districtCode, displayName: role, mustChangePassword: false,
});

describe('routes', () => {
  it('match paths to pages', () => {
    expect(matchRoute('/province/38')).toEqual({ name: 'overview', province: '38' });
    expect(matchRoute('/district/3801/')).toEqual({ name: 'district', district: '3801' });
    expect(matchRoute('/upload')).toEqual({ name: 'upload' });
    expect(matchRoute('/province/x')).toEqual({ name: 'not-found', path: '/province/x' });
  });

  it('send each role to its own scope', () => {
    expect(homePath(user('district', '38', '3801'))).toBe('/district/3801');
    expect(homePath(user('province', '38'))).toBe('/province/38');
    expect(homePath(user('department'))).toBe('/department');
    expect(homePath(user('admin'))).toBe('/admin');
  });

  it('offer only pages inside the scope', () => {
    const d = user('district', '38', '3801');
    expect(routeAllowed({ name: 'district', district: '3801' }, d)).toBe(true);
    expect(routeAllowed({ name: 'district', district: '3802' }, d)).toBe(false);
    expect(routeAllowed({ name: 'overview', province: '38' }, d)).toBe(false);
    const p = user('province', '38');
    expect(routeAllowed({ name: 'district', district: '3802' }, p)).toBe(true);
    expect(routeAllowed({ name: 'district', district: '1001' }, p)).toBe(false);
    expect(routeAllowed({ name: 'admin' }, p)).toBe(false);
    expect(routeAllowed({ name: 'reports' }, user('admin'))).toBe(false);
    expect(navItems(d).map((i) => i.key)).toEqual(['district', 'upload', 'register', 'reports', 'guidelines']);
    expect(navItems(user('analyst')).map((i) => i.key)).toEqual(['department', 'reports', 'guidelines']);
  });

  it('never follow ?next= off the site', () => {
    expect(safeNext('/district/3801?fy=2561')).toBe('/district/3801?fy=2561');
    expect(safeNext('//evil.example/')).toBeNull();
    expect(safeNext('https://evil.example/')).toBeNull();
    expect(safeNext(null)).toBeNull();
  });
});

describe('API errors', () => {
  it('keep a problem+json as it came, Thai title included', () => {
    const body = JSON.stringify({ type: 'https://otop-monitor.example/problems/illegal-transition', title: 'Not allowed', titleTh: 'ทำไม่ได้', status: 409, detail: 'state is certified' });
    expect(problemFromBody(409, 'Conflict', 'application/problem+json', body)).toMatchObject({ status: 409, titleTh: 'ทำไม่ได้', detail: 'state is certified' });
  });
  it('turn anything else into a readable problem', () => {
    expect(problemFromBody(502, 'Bad Gateway', 'text/html', '<html>proxy</html>')).toMatchObject({ status: 502, titleTh: 'ระบบขัดข้อง กรุณาลองใหม่อีกครั้ง' });
    expect(syntheticProblem(0)).toMatchObject({ status: 0, titleTh: 'ติดต่อเซิร์ฟเวอร์ไม่ได้' });
  });
  it('query strings leave out empty values', () => {
    expect(withQuery('/api/progress', { fy: 2561, province: null, district: '' })).toBe('/api/progress?fy=2561');
  });
});
