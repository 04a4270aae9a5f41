import { fiscalYearRange } from '../../domain/fiscal-year.ts';
import type { CellProgress, RoundPlan } from '../api/types.ts';
import { escapeHtml } from '../format/escape-html.ts';
import { applyDigits } from '../format/apply-digits.ts';
import { formatDate } from '../format/format-date.ts';
import { formatNumber, formatPercent } from '../format/format-number.ts';
import type { DisplayLocale } from '../format/display-locale.ts';
import { localMessages } from '../i18n/local-messages.ts';

import { BASE_OPTION, figureFormatter, type ChartLayout, type ChartOption, type ChartTable } from './chart-option.ts';
import { LINE_COLOR, TARGET_COLOR, WINDOW_FILL } from '../../domain/palette.ts';

export interface CumulativeInput {
  fiscalYear: number;
  rounds: readonly RoundPlan[];
  cells: readonly Pick<CellProgress, 'roundCode' | 'producers'>[];
  targetProducers: number;
  /** Today as a Bangkok ISO date. */
  today: string;
}

/** [date, cumulative producers]: 0 at the year's start, then each round's total at its step-1 close. */
export function cumulativePoints(input: CumulativeInput): [string, number][] {
  const year = fiscalYearRange(input.fiscalYear);
  const byRound = new Map<string, number>();
  for (const c of input.cells) byRound.set(c.roundCode, (byRound.get(c.roundCode) ?? 0) + c.producers);
  const points: [string, number][] = [[year.start, 0]];
  let total = 0;
  for (const round of [...input.rounds].sort((a, b) => a.quarter - b.quarter)) {
    const step1 = round.windows.find((w) => w.step === 1);
    if (!step1 || step1.startDate > input.today) continue; // not reached yet
    total += byRound.get(round.code) ?? 0;
    // A window still open is drawn up to today: the line stops where the year stands.
    points.push([step1.endDate < input.today ? step1.endDate : input.today, total]);
  }
  return points;
}

/**
 * Cumulative registered producers through the year against the plan: the line climbs at each
 * round's district-registration close; the plan's step-1 windows are shaded, the target (last
 * year's producers unless one was set) and today are marked.
 */
export function cumulativeRegistrationsOption(input: CumulativeInput, locale: DisplayLocale, layout: ChartLayout = {}): ChartOption {
  const t = localMessages(locale);
  const year = fiscalYearRange(input.fiscalYear);
  const todayInYear = input.today >= year.start && input.today <= year.end;
  const quarter = (q: number) => (layout.narrow ? applyDigits(`Q${q}`, locale.digits) : t.quarterShort(q));
  const isoDay = (value: number | string) => new Date(value).toISOString().slice(0, 10);
  return {
    ...BASE_OPTION,
    tooltip: {
      trigger: 'axis',
      // The axis value is an instant: shown as a BE (or English) date like the axis, never ISO.
      formatter: (params: unknown) => {
        const items = (Array.isArray(params) ? params : [params]) as { seriesName?: string; value?: [string | number, number] }[];
        const first = items[0]?.value;
        if (!first) return '';
        const lines = items.map((p) => `${escapeHtml(p.seriesName ?? '')}: ${formatNumber(p.value?.[1] ?? 0, locale)}`);
        return [escapeHtml(formatDate(isoDay(first[0]), locale)), ...lines].join('<br/>');
      },
    },
    grid: { left: 8, right: layout.narrow ? 24 : 56, top: 48, bottom: 8, containLabel: true },
    xAxis: {
      type: 'time',
      min: year.start,
      max: year.end,
      // On a phone fewer, shorter labels; never two on top of each other.
      ...(layout.narrow ? { splitNumber: 3 } : {}),
      axisLabel: {
        hideOverlap: true,
        formatter: (value: number) => {
          const label = formatDate(isoDay(value), locale);
          return layout.narrow ? label.replace(/^[0-9\u0E50-\u0E59]+ /, '') : label;
        },
      },
    },
    yAxis: { type: 'value', name: t.chart.producers, nameTextStyle: { align: 'left' }, minInterval: 1, axisLabel: { formatter: figureFormatter(locale) } },
    series: [
      {
        type: 'line',
        name: t.chart.cumulative,
        step: 'end',
        color: LINE_COLOR,
        symbolSize: 7,
        data: cumulativePoints(input),
        markArea: {
          silent: true,
          itemStyle: { color: WINDOW_FILL },
          label: { color: '#1f2937', position: 'insideTop' },
          data: input.rounds.flatMap((r) => {
            const w = r.windows.find((x) => x.step === 1);
            return w ? [[{ name: quarter(r.quarter), xAxis: w.startDate }, { xAxis: w.endDate }]] : [];
          }) as never,
        },
        markLine: {
          symbol: 'none',
          data: [
            ...(input.targetProducers > 0
              ? [{ name: t.chart.target, yAxis: input.targetProducers, lineStyle: { color: TARGET_COLOR, type: 'dashed' as const }, label: { formatter: t.chart.target, color: TARGET_COLOR, position: 'insideEndTop' as const } }]
              : []),
            ...(todayInYear
              ? [{ name: t.chart.today, xAxis: input.today, lineStyle: { color: '#374151', type: 'dotted' as const }, label: { formatter: t.chart.today } }]
              : []),
          ],
        },
      },
    ],
  };
}

/** The chart in one sentence: producers registered so far, when, and against the target. */
export function cumulativeRegistrationsDescription(input: CumulativeInput, locale: DisplayLocale): string {
  const t = localMessages(locale);
  const points = cumulativePoints(input);
  const [when, n] = points[points.length - 1] ?? [fiscalYearRange(input.fiscalYear).start, 0];
  const target = input.targetProducers > 0 ? t.chartText.targetPart(formatNumber(input.targetProducers, locale), formatPercent(n / input.targetProducers, locale)) : '';
  return t.chartText.cumulativeText(formatNumber(n, locale), formatDate(when, locale), target);
}

export function cumulativeRegistrationsTable(input: CumulativeInput, locale: DisplayLocale): ChartTable {
  const t = localMessages(locale);
  return { columns: [t.chartText.date, t.chartText.cumulative], rows: cumulativePoints(input).map(([d, n]) => [formatDate(d, locale), n]) };
}
