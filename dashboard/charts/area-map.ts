import type { MapSeriesOption } from 'echarts/charts';
import type { ComposeOption } from 'echarts/core';
import type { TooltipComponentOption, VisualMapComponentOption } from 'echarts/components';
import {
  DISTRICT_ROUND_STATES, DISTRICT_ROUND_STATE_LABELS, PROVINCE_ROUND_STATES, PROVINCE_ROUND_STATE_LABELS,
} from '../../domain/round-state.ts';
import { PROVINCE_STATE_COLORS, STATE_COLORS } from '../../domain/palette.ts';
import { escapeHtml } from '../format/escape-html.ts';
import { formatNumber, formatPercent } from '../format/format-number.ts';
import type { DisplayLocale } from '../format/display-locale.ts';
import { label, type Lang } from '../i18n/messages.ts';

export type MapOption = ComposeOption<MapSeriesOption | TooltipComponentOption | VisualMapComponentOption>;

/** The workflow states an area can be in, in order, with their words and fills. */
export interface StateScale {
  keys: readonly string[];
  labels: Readonly<Record<string, { th: string; en: string }>>;
  colors: Readonly<Record<string, string>>;
}

export const DISTRICT_STATE_SCALE: StateScale = { keys: DISTRICT_ROUND_STATES, labels: DISTRICT_ROUND_STATE_LABELS, colors: STATE_COLORS };
export const PROVINCE_STATE_SCALE: StateScale = { keys: PROVINCE_ROUND_STATES, labels: PROVINCE_ROUND_STATE_LABELS, colors: PROVINCE_STATE_COLORS };

/** One area on the map and the figures it is coloured by. */
export interface MapArea {
  code: string;
  nameTh: string;
  nameEn: string;
  /** Workflow state in the selected quarter (a key of the map's StateScale), or null when there is none. */
  state: string | null;
  registered: number;
  target: number;
  /** A step of the selected quarter is past its window. */
  overdue: boolean;
}

export type MapColouring = 'state' | 'target';

/** Shares of the target, in bands a manager reads at a glance. */
export const TARGET_BANDS = [
  { min: 0, max: 0.25, color: '#fde2e1' },
  { min: 0.25, max: 0.5, color: '#fbb4ae' },
  { min: 0.5, max: 0.75, color: '#9ecae1' },
  { min: 0.75, max: 1, color: '#4292c6' },
  { min: 1, max: Infinity, color: '#08519c' },
] as const;

const NO_DATA = '#e5e7eb';

export function areaName(a: Pick<MapArea, 'nameTh' | 'nameEn'>, lang: Lang): string {
  return lang === 'en' ? a.nameEn : a.nameTh;
}

/** The value an area is coloured by: the state's index, or registered ÷ target (null: no colour). */
export function mapValue(a: MapArea, colouring: MapColouring, scale: StateScale = DISTRICT_STATE_SCALE): number | null {
  if (colouring === 'state') return a.state === null ? null : scale.keys.indexOf(a.state);
  return a.target > 0 ? a.registered / a.target : null;
}

export function stateLabel(a: MapArea, scale: StateScale, lang: Lang): string {
  const words = a.state ? scale.labels[a.state] : undefined;
  return words ? label(lang, words) : '–';
}

/** The words and figures of one area, for the tooltip and the table beside the map. */
export function areaSummary(a: MapArea, locale: DisplayLocale, scale: StateScale = DISTRICT_STATE_SCALE): string {
  const n = (v: number) => formatNumber(v, locale);
  const state = stateLabel(a, scale, locale.lang);
  const share = a.target > 0 ? formatPercent(a.registered / a.target, locale) : '–';
  const late = a.overdue ? (locale.lang === 'en' ? ' · overdue' : ' · เลยกำหนด') : '';
  return locale.lang === 'en'
    ? `${a.nameEn}: ${state}${late}; ${n(a.registered)} registered of a target of ${n(a.target)} (${share})`
    : `${a.nameTh}: ${state}${late}; ลงทะเบียน ${n(a.registered)} จากเป้าหมาย ${n(a.target)} ราย (${share})`;
}

/**
 * A choropleth of the areas registered under `mapName` (their outlines' feature names are the
 * area codes). Overdue areas get a dark, thick border on top of their colour; the names are
 * written on the map; the legend names every colour in the page's language.
 */
export function areaMapOption(
  input: { mapName: string; areas: readonly MapArea[]; colouring: MapColouring; scale?: StateScale; narrow?: boolean },
  locale: DisplayLocale,
): MapOption {
  const scale = input.scale ?? DISTRICT_STATE_SCALE;
  const byCode = new Map(input.areas.map((a) => [a.code, a]));
  const visualMap: VisualMapComponentOption = input.colouring === 'state'
    ? {
        type: 'piecewise',
        dimension: 0,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        pieces: scale.keys.map((s, i) => ({ value: i, label: label(locale.lang, scale.labels[s]!), color: scale.colors[s]! })),
        outOfRange: { color: NO_DATA },
      }
    : {
        type: 'piecewise',
        dimension: 0,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        pieces: TARGET_BANDS.map((b) => ({
          gte: b.min,
          ...(Number.isFinite(b.max) ? { lt: b.max } : {}),
          label: Number.isFinite(b.max) ? `${formatPercent(b.min, locale)}–${formatPercent(b.max, locale)}` : `≥ ${formatPercent(b.min, locale)}`,
          color: b.color,
        })),
        outOfRange: { color: NO_DATA },
      };
  return {
    textStyle: { fontFamily: 'Sarabun, "Noto Sans Thai", sans-serif', fontSize: 12, color: '#1f2937' },
    animation: false,
    // Our own description is on the figure (aria-label) and in the table; ECharts' generated one is not read.
    aria: { enabled: false },
    tooltip: {
      trigger: 'item',
      formatter: (p: unknown) => {
        const a = byCode.get((p as { name: string }).name);
        // ECharts renders a formatter's string as HTML: names come from imported data.
        return a ? escapeHtml(areaSummary(a, locale, scale)) : '';
      },
    },
    visualMap,
    series: [
      {
        type: 'map',
        map: input.mapName,
        roam: false,
        top: 8,
        bottom: input.narrow ? 72 : 48,
        left: 'center',
        aspectScale: 0.95,
        selectedMode: false,
        label: {
          show: true,
          fontSize: input.narrow ? 10 : 11,
          color: '#111827',
          textBorderColor: '#ffffff',
          textBorderWidth: 2,
          formatter: (p: unknown) => {
            const a = byCode.get((p as { name: string }).name);
            return a ? areaName(a, locale.lang) : '';
          },
        },
        emphasis: { label: { show: true }, itemStyle: { areaColor: undefined, borderColor: '#111827', borderWidth: 2 } },
        itemStyle: { borderColor: '#ffffff', borderWidth: 1 },
        data: input.areas.map((a) => ({
          name: a.code,
          value: mapValue(a, input.colouring, scale) ?? undefined,
          ...(a.overdue ? { itemStyle: { borderColor: '#b91c1c', borderWidth: 3 } } : {}),
        })),
      },
    ],
  } as MapOption;
}
