import { bangkokDate } from '../../domain/timeliness.ts';

/** Today in Bangkok as an ISO date (the plan's windows are Bangkok calendar days). */
export function todayIso(): string {
  return bangkokDate(new Date());
}
