import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { tableDownload, type TableColumn } from './table-columns.ts';
import { TableView } from './table-view.tsx';
import { XlsxDownload } from './xlsx-download.tsx';
import { useApp } from '../app-context.ts';
import {
  areaMapOption, areaName, areaSummary, DISTRICT_STATE_SCALE, mapValue, stateLabel, type MapArea, type MapColouring, type StateScale,
} from '../charts/area-map.ts';
import type { MapGeoJson, MapHost } from '../charts/map-host.ts';
import { mapOutlinesKey } from '../charts/map-outlines-key.ts';
import { styleMessages } from '../i18n/local-messages.ts';
import { useResource } from '../use-resource.ts';

/** GET /api/boundaries as the map reads it. */
interface Boundaries {
  level: 'province' | 'district';
  attribution: { th: string; en: string };
  missing: Array<{ code: string; nameTh: string; nameEn: string }>;
  features: Array<{ id: string; properties: { code: string }; geometry: unknown }>;
}

const TEXT = {
  th: {
    colourBy: 'ระบายสีตาม',
    byState: 'สถานะขั้นตอน',
    byTarget: 'ผลเทียบเป้าหมาย',
    overdue: 'ขอบสีแดง = เลยกำหนดในไตรมาสที่เลือก',
    missing: (names: string) => `ไม่มีขอบเขตบนแผนที่ (ไม่อยู่ในข้อมูลขอบเขตปี 2562): ${names}`,
    table: 'ดูเป็นตาราง',
    area: 'พื้นที่',
    state: 'สถานะ',
    registered: 'ลงทะเบียน',
    target: 'เป้าหมาย',
    share: 'ร้อยละของเป้าหมาย',
    late: 'เลยกำหนด',
    yes: 'ใช่',
    loading: 'กำลังโหลดแผนที่…',
    failed: 'โหลดแผนที่ไม่ได้ ข้อมูลเดียวกันอยู่ในตารางด้านล่าง',
    open: (name: string) => `เปิด ${name}`,
  },
  en: {
    colourBy: 'Colour by',
    byState: 'workflow state',
    byTarget: 'registered against target',
    overdue: 'Red border = overdue in the selected quarter',
    missing: (names: string) => `No outline on the map (not in the 2019 boundary data): ${names}`,
    table: 'View as table',
    area: 'Area',
    state: 'State',
    registered: 'Registered',
    target: 'Target',
    share: 'Share of target',
    late: 'Overdue',
    yes: 'yes',
    loading: 'Loading the map…',
    failed: 'The map could not be loaded; the same figures are in the table below.',
    open: (name: string) => `Open ${name}`,
  },
} as const;

/**
 * The areas of a scope on a map, coloured by workflow state or by registrations against target,
 * overdue areas outlined in red; a click opens the area. The same figures are in a table (for a
 * screen reader, or when the map cannot load), areas without an outline are named under the map,
 * and the boundaries' attribution is always shown.
 */
export function AreaMap({ province, areas, title, onOpen, scale = DISTRICT_STATE_SCALE }: {
  /** The districts of this province; without it, the country's provinces. */
  province?: string;
  areas: readonly MapArea[];
  title: string;
  onOpen: (code: string) => void;
  /** The states the areas' `state` names (districts by default; provinces on the department's map). */
  scale?: StateScale;
}) {
  const { api, lang, locale } = useApp();
  const x = useMemo(() => styleMessages(TEXT[lang], locale), [lang, locale]);
  const [colouring, setColouring] = useState<MapColouring>('state');
  const el = useRef<HTMLDivElement>(null);
  const host = useRef<MapHost | null>(null);
  const [failed, setFailed] = useState(false);
  const [narrow, setNarrow] = useState(() => typeof window !== 'undefined' && window.innerWidth < 600);
  const key = `/api/boundaries?province=${province ?? ''}`;
  // Outlines do not change with registration data: a live update reloads the figures, not them.
  const outlines = useResource<Boundaries>(key, (signal) =>
    api.get<Boundaries>('/api/boundaries', province ? { province } : undefined, signal), { live: false });
  const mapName = `otop-${province ?? 'TH'}`;
  const option = useMemo(() => areaMapOption({ mapName, areas, colouring, scale, narrow }, locale), [mapName, areas, colouring, scale, narrow, locale]);
  const onOpenRef = useRef(onOpen);
  onOpenRef.current = onOpen;

  useEffect(() => {
    const onResize = () => setNarrow(window.innerWidth < 600);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);

  const data = outlines.data;
  const outlinesKey = useMemo(() => (data ? mapOutlinesKey(data) : null), [data]);
  const optionRef = useRef(option);
  optionRef.current = option;
  useEffect(() => {
    if (!data || !el.current || data.features.length === 0) return;
    let disposed = false;
    const geo: MapGeoJson = {
      type: 'FeatureCollection',
      features: data.features.map((f) => ({ type: 'Feature', properties: { name: f.properties.code }, geometry: f.geometry })),
    };
    import('../charts/map-host.ts')
      .then(({ hostMap }) => {
        if (disposed || !el.current) return;
        host.current = hostMap(el.current, mapName, geo, optionRef.current, (code) => onOpenRef.current(code));
      })
      .catch(() => setFailed(true));
    return () => {
      disposed = true;
      host.current?.dispose();
      host.current = null;
    };
    // The host is made once per outline set (by content, not by answer object); colours and
    // words go through update() below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [outlinesKey, mapName]);

  useEffect(() => {
    host.current?.update(option);
  }, [option]);

  const described = areas.map((a) => areaSummary(a, locale, scale)).join('. ');
  const missing = data?.missing ?? [];
  // One list of columns for the table on screen and its Excel download.
  const columns: TableColumn<MapArea>[] = [
    {
      key: 'area', label: x.area, value: (a) => areaName(a, lang), rowHeader: true,
      cell: (a) => <button type="button" class="link-button" onClick={() => onOpen(a.code)} aria-label={x.open(areaName(a, lang))}>{areaName(a, lang)}</button>,
    },
    { key: 'state', label: x.state, value: (a) => stateLabel(a, scale, lang) },
    { key: 'registered', label: x.registered, kind: 'integer', value: (a) => a.registered },
    { key: 'target', label: x.target, kind: 'integer', value: (a) => a.target },
    { key: 'share', label: x.share, kind: 'percent', value: (a) => mapValue(a, 'target') },
    { key: 'late', label: x.late, value: (a) => (a.overdue ? x.yes : ''), cell: (a) => (a.overdue ? x.yes : '') },
  ];
  return (
    <figure class="chart area-map" data-testid="area-map">
      <figcaption>{title}</figcaption>
      <div class="map-controls" role="radiogroup" aria-label={x.colourBy}>
        <span class="muted">{x.colourBy}:</span>
        {(['state', 'target'] as const).map((c) => (
          <label key={c}>
            <input type="radio" name={`map-colouring-${mapName}`} value={c} checked={colouring === c} onChange={() => setColouring(c)} />{' '}
            {c === 'state' ? x.byState : x.byTarget}
          </label>
        ))}
      </div>
      {outlines.error || failed ? (
        <p class="muted" role="status">{x.failed}</p>
      ) : !data ? (
        <p class="muted" role="status">{x.loading}</p>
      ) : null}
      <div ref={el} class="chart-canvas map-canvas" role="img" aria-label={`${title}. ${described}`} style={{ height: narrow ? '360px' : '440px' }} />
      {areas.some((a) => a.overdue) && <p class="muted map-note">{x.overdue}</p>}
      {missing.length > 0 && (
        <p class="map-missing" data-testid="map-missing">
          {x.missing(missing.map((m) => (lang === 'en' ? m.nameEn : m.nameTh)).join(', '))}
        </p>
      )}
      <details class="chart-table">
        <summary>{x.table} / {lang === 'en' ? 'ดูเป็นตาราง' : 'view as table'}</summary>
        <div class="list-tools">
          <XlsxDownload table={() => tableDownload(title, columns, areas)} />
        </div>
        <TableView columns={columns} rows={areas} rowKey={(a) => a.code} caption={title} />
      </details>
      {/* The licence's own name and version (CC BY 3.0 IGO): a title, quoted as written. */}
      <p class="map-attribution" data-digits="as-typed">{data?.attribution[lang] ?? ''}</p>
    </figure>
  );
}
