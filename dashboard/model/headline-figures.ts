import type { ProgressResult } from '../api/types.ts';
import { roundFocus, type RoundFocus } from './current-round.ts';

export interface HeadlineFigures {
  producers: number;
  previousProducers: number;
  products: number;
  /** Last year's products, when last year's progress could be read. */
  previousProducts: number | null;
  renewed: number;
  /** Share of last year's producers who registered again this year (null without last year). */
  renewalRate: number | null;
  certifiedDistricts: number;
  districts: number;
  focus: RoundFocus;
}

/**
 * The overview's headline: this year against last, the renewal rate, districts certified in
 * the round in focus (the chosen quarter, else the one today falls in), and the window clock.
 */
export function headlineFigures(
  current: ProgressResult,
  previous: Pick<ProgressResult, 'total'> | null,
  today: string,
  quarter: number | null = null,
): HeadlineFigures {
  const focus = roundFocus(current.rounds, today);
  const chosen = quarter === null ? null : (current.rounds.find((r) => r.quarter === quarter) ?? null);
  const round = chosen ?? focus.round;
  const t = current.total;
  return {
    producers: t.producers,
    previousProducers: t.previousYearProducers,
    products: t.products,
    previousProducts: previous ? previous.total.products : null,
    renewed: t.renewedProducers,
    renewalRate: t.previousYearProducers > 0 ? t.renewedProducers / t.previousYearProducers : null,
    certifiedDistricts: round ? (t.certifiedByRound[round.code] ?? 0) : 0,
    districts: t.districts,
    focus: { ...focus, round },
  };
}
