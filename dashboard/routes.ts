import type { SessionUser, UserRole } from './api/types.ts';

/**
 * The dashboard's pages and their paths. Pure: the router feeds it location.pathname, tests
 * feed it strings.
 */
export type Route =
  | { name: 'signin' }
  | { name: 'password' }
  | { name: 'home' }
  | { name: 'overview'; province: string }
  | { name: 'district'; district: string }
  | { name: 'upload' }
  | { name: 'register' }
  | { name: 'reports' }
  | { name: 'department' }
  | { name: 'guidelines' }
  | { name: 'admin' }
  | { name: 'not-found'; path: string };

const STATIC: Record<string, Route> = {
  '/': { name: 'home' },
  '/signin': { name: 'signin' },
  '/password': { name: 'password' },
  '/upload': { name: 'upload' },
  '/register': { name: 'register' },
  '/reports': { name: 'reports' },
  '/department': { name: 'department' },
  '/guidelines': { name: 'guidelines' },
  '/admin': { name: 'admin' },
};

export function matchRoute(pathname: string): Route {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  const fixed = STATIC[path];
  if (fixed) return fixed;
  let m = /^\/province\/(\d{2})$/.exec(path);
  if (m) return { name: 'overview', province: m[1]! };
  m = /^\/district\/(\d{4})$/.exec(path);
  if (m) return { name: 'district', district: m[1]! };
  return { name: 'not-found', path };
}

/** Where a user lands after signing in: their own scope's main page. */
export function homePath(user: SessionUser): string {
  switch (user.role) {
    case 'district':
      return user.districtCode ? `/district/${user.districtCode}` : '/guidelines';
    case 'province':
      return user.provinceCode ? `/province/${user.provinceCode}` : '/guidelines';
    case 'department':
    case 'analyst':
      return '/department';
    case 'admin':
      return '/admin';
  }
}

export type NavKey = 'overview' | 'district' | 'upload' | 'register' | 'reports' | 'department' | 'guidelines' | 'admin';

/** The menu of a role, in order, with paths in the user's own scope. */
export function navItems(user: SessionUser): { key: NavKey; href: string }[] {
  const byRole: Record<UserRole, { key: NavKey; href: string }[]> = {
    district: [
      { key: 'district', href: `/district/${user.districtCode ?? ''}` },
      { key: 'upload', href: '/upload' },
      { key: 'register', href: '/register' },
      { key: 'reports', href: '/reports' },
    ],
    province: [
      { key: 'overview', href: `/province/${user.provinceCode ?? ''}` },
      { key: 'reports', href: '/reports' },
    ],
    department: [
      { key: 'department', href: '/department' },
      { key: 'reports', href: '/reports' },
    ],
    analyst: [
      { key: 'department', href: '/department' },
      { key: 'reports', href: '/reports' },
    ],
    admin: [{ key: 'admin', href: '/admin' }],
  };
  return [...byRole[user.role], { key: 'guidelines', href: '/guidelines' }];
}

/**
 * Whether the user's scope reaches a page. The API enforces scope on every read; this only
 * keeps the dashboard from offering a page that would answer 403.
 */
export function routeAllowed(route: Route, user: SessionUser): boolean {
  const dataRole = user.role !== 'admin';
  switch (route.name) {
    case 'overview':
      if (user.role === 'province') return route.province === user.provinceCode;
      return user.role === 'department' || user.role === 'analyst';
    case 'district':
      if (user.role === 'district') return route.district === user.districtCode;
      if (user.role === 'province') return route.district.startsWith(user.provinceCode ?? '--');
      return user.role === 'department' || user.role === 'analyst';
    case 'upload':
    case 'register':
      return user.role === 'district' || user.role === 'province';
    case 'reports':
      return dataRole;
    case 'department':
      return user.role === 'department' || user.role === 'analyst';
    case 'admin':
      return user.role === 'admin';
    default:
      return true;
  }
}
