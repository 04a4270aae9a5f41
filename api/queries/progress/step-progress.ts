import { bangkokDate, daysLeft, isWithinWindow } from '../../../domain/timeliness.ts';
import type { RoundPlan, StepProgress, StepStatus } from './progress-types.ts';

/**
 * One step of a round as it stands at `now`: done (with its timeliness against the window)
 * or, when not done, upcoming, open or overdue by the Bangkok calendar date, with days left.
 */
export function stepProgress(w: RoundPlan['windows'][number], done: boolean, doneAt: string | null, now: Date): StepProgress {
  if (done) {
    return { ...w, status: 'done', doneAt, timeliness: doneAt ? isWithinWindow(new Date(doneAt), w) : null, daysLeft: null };
  }
  const today = bangkokDate(now);
  const status: StepStatus = today < w.startDate ? 'upcoming' : today > w.endDate ? 'overdue' : 'open';
  return { ...w, status, doneAt: null, timeliness: null, daysLeft: daysLeft(now, w.endDate) };
}
