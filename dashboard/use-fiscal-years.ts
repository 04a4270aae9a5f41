import { useApp } from './app-context.ts';
import { defaultFiscalYear, fiscalYearsFromRounds } from './model/fiscal-years.ts';
import { todayIso } from './model/today.ts';
import { useResource } from './use-resource.ts';

/**
 * The planned fiscal years (from GET /api/rounds) and the one the view shows: the URL's, else
 * the default. Without the plan route, today's fiscal year stands alone.
 */
export function useFiscalYears(fromUrl: number | null): { years: number[]; fy: number; ready: boolean } {
  const { api } = useApp();
  // The plan's years do not change with registration data; reloading them on each live update
  // also made `ready` flicker off (pages without ?fy= dropped their data for a moment).
  const res = useResource('/api/rounds', (signal) => api.get<unknown>('/api/rounds', undefined, signal), { live: false });
  const planned = res.data ? fiscalYearsFromRounds(res.data) : [];
  const fy = fromUrl ?? defaultFiscalYear(planned, todayIso());
  const years = planned.includes(fy) ? planned : [fy, ...planned].sort((a, b) => b - a);
  // Without a year in the URL the default needs the plan: wait for it rather than ask twice.
  return { years, fy, ready: fromUrl !== null || !res.loading };
}
