import { daysInclusive } from '../../domain/fiscal-year.ts';
import type { RoundPlan } from '../api/types.ts';

export type RoundWindow = RoundPlan['windows'][number];

export interface RoundFocus {
  /** The round the view is about: the one today falls in, else the next, else the last. */
  round: RoundPlan | null;
  /** The step window open today, if any. */
  open: RoundWindow | null;
  /** Whole days left in the open window (0 on its last day). */
  daysLeft: number | null;
  /** The next window to start after today, when none is open. */
  next: RoundWindow | null;
  /** Every planned window of the year has closed. */
  ended: boolean;
}

/** Which round and window of a year's plan today belongs to (today: Bangkok ISO date). */
export function roundFocus(rounds: readonly RoundPlan[], today: string): RoundFocus {
  const sorted = [...rounds].sort((a, b) => a.quarter - b.quarter);
  for (const round of sorted) {
    const open = [...round.windows].sort((a, b) => a.step - b.step).find((w) => w.startDate <= today && today <= w.endDate);
    if (open) return { round, open, daysLeft: daysInclusive(today, open.endDate) - 1, next: null, ended: false };
  }
  for (const round of sorted) {
    const next = [...round.windows].sort((a, b) => a.startDate.localeCompare(b.startDate)).find((w) => w.startDate > today);
    if (next) {
      // Between windows of a round (after step 1, before step 2) the round is still the focus.
      return { round, open: null, daysLeft: null, next, ended: false };
    }
  }
  return { round: sorted[sorted.length - 1] ?? null, open: null, daysLeft: null, next: null, ended: sorted.length > 0 };
}
