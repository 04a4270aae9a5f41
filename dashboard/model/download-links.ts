import { withQuery } from '../api/client.ts';

export const REPORT_SLUGS = ['plan', 'plan-check', 'report-form', 'certification', 'announcement', 'accounts', 'summary', 'letter'] as const;

/** Who may download each PDF (the server's REPORT_ROLES); the page lists only what the user can open. */
export const REPORT_LINK_ROLES: Readonly<Record<(typeof REPORT_SLUGS)[number], readonly string[]>> = {
  plan: ['district', 'province', 'department', 'analyst'],
  'plan-check': ['district', 'province', 'department', 'analyst'],
  'report-form': ['district', 'province', 'department', 'analyst'],
  summary: ['district', 'province', 'department', 'analyst'],
  announcement: ['district', 'province', 'department', 'analyst'],
  certification: ['province', 'department', 'analyst'],
  letter: ['province', 'department', 'analyst'],
  accounts: ['province', 'department'],
};
export const EXPORT_DATASETS = ['producers', 'products', 'registrations', 'progress'] as const;
export const EXPORT_FORMATS = ['arrow', 'arrows', 'parquet', 'csv'] as const;

export interface DownloadScope {
  fy: number;
  round?: string | null;
  province?: string | null;
  district?: string | null;
  category?: string | null;
}

/** GET /api/reports/:slug.pdf for the scope. */
export function reportHref(slug: (typeof REPORT_SLUGS)[number], s: DownloadScope): string {
  return withQuery(`/api/reports/${slug}.pdf`, { fy: s.fy, round: s.round, province: s.province, district: s.district });
}

/** GET /api/reports/letter.zip: the covering letter with its four enclosures, each its own PDF. */
export function letterZipHref(s: DownloadScope): string {
  return withQuery('/api/reports/letter.zip', { fy: s.fy, round: s.round, province: s.province });
}

/** GET /api/exports/:dataset.:format for the scope (category narrows product-level data sets). */
export function exportHref(dataset: (typeof EXPORT_DATASETS)[number], format: (typeof EXPORT_FORMATS)[number], s: DownloadScope): string {
  return withQuery(`/api/exports/${dataset}.${format}`, { fy: s.fy, province: s.province, district: s.district, category: s.category });
}
