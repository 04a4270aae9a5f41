import { withQuery } from '../api/client.ts';

export const REPORT_SLUGS = ['plan', 'report-form', 'certification', 'accounts', 'summary', 'letter'] as const;
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

/** GET /api/exports/:dataset.:format for the scope (category narrows product-level data sets). */
export function exportHref(dataset: (typeof EXPORT_DATASETS)[number], format: (typeof EXPORT_FORMATS)[number], s: DownloadScope): string {
  return withQuery(`/api/exports/${dataset}.${format}`, { fy: s.fy, province: s.province, district: s.district, category: s.category });
}
