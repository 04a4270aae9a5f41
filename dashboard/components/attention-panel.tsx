import type { ProvinceAttention } from '../api/types.ts';
import { applyDigits } from '../format/apply-digits.ts';
import { useApp } from '../app-context.ts';
import { formatDate, formatDateTime } from '../format/format-date.ts';
import { formatNumber } from '../format/format-number.ts';
import { formatQuery } from '../url-state.ts';
import { Link } from './link.tsx';
import { bangkokDate } from '../../domain/timeliness.ts';
import type { Lang, Messages } from '../i18n/messages.ts';
import { tableDownload, type CellValue, type TableColumn } from './table-columns.ts';
import { XlsxDownload } from './xlsx-download.tsx';

/**
 * "ต้องดำเนินการ": the districts the province manager must chase, each a link to the district
 * in the round concerned — overdue against the step-1 window (days late), waiting for
 * certification (days waiting) and returned for correction (the reason).
 */
export function AttentionPanel({ data, fy }: { data: ProvinceAttention; fy: number }) {
  const { t, lang, locale } = useApp();
  const n = (v: number) => formatNumber(v, locale);
  const name = (d: { nameTh: string; nameEn: string }) => (lang === 'en' ? d.nameEn : d.nameTh);
  const href = (d: { code: string; quarter: number }) => `/district/${d.code}${formatQuery({ fy, q: d.quarter as 1 | 2 | 3 | 4 })}`;
  const total = data.overdue.length + data.awaitingCertification.length + data.returned.length;
  return (
    <section class="card attention" aria-labelledby="attention-title" data-testid="attention">
      <h2 id="attention-title">
        {t.attention.title} <span class="muted small" lang={lang === 'en' ? 'th' : 'en'}>/ {t.attention.titleEn}</span>
      </h2>
      {total > 0 && (
        <div class="list-tools">
          <XlsxDownload table={() => attentionDownload(data, t, lang)} />
        </div>
      )}
      {total === 0 ? (
        <p class="muted">{t.attention.none}</p>
      ) : (
        <div class="attention-groups">
          {data.overdue.length > 0 && (
            <div class="attention-group" data-testid="attention-overdue">
              <h3>
                {t.attention.overdue} <span class="badge late">{n(data.overdue.length)}</span>
              </h3>
              <ul>
                {data.overdue.map((d) => (
                  <li key={`${d.roundCode}-${d.code}`}>
                    <Link href={href(d)}>{name(d)}</Link> <span class="muted">{t.quarterShort(d.quarter)}</span>{' '}
                    <strong class="late-text">{t.attention.daysLate(n(d.daysLate))}</strong>{' '}
                    <span class="muted small">({t.attention.sinceEnd(formatDate(d.endDate, locale))})</span>
                  </li>
                ))}
              </ul>
            </div>
          )}
          {data.awaitingCertification.length > 0 && (
            <div class="attention-group" data-testid="attention-awaiting">
              <h3>
                {t.attention.awaiting} <span class="badge">{n(data.awaitingCertification.length)}</span>
              </h3>
              <ul>
                {data.awaitingCertification.map((d) => (
                  <li key={`${d.roundCode}-${d.code}`}>
                    <Link href={href(d)}>{name(d)}</Link> <span class="muted">{t.quarterShort(d.quarter)}</span>{' '}
                    <strong>{t.attention.daysWaiting(n(d.daysWaiting))}</strong>
                    {d.daysLate !== null && (
                      <>
                        {' '}
                        <span class="late-text">({t.attention.daysLate(n(d.daysLate))})</span>
                      </>
                    )}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {data.returned.length > 0 && (
            <div class="attention-group" data-testid="attention-returned">
              <h3>
                {t.attention.returned} <span class="badge">{n(data.returned.length)}</span>
              </h3>
              <ul>
                {data.returned.map((d) => (
                  <li key={`${d.roundCode}-${d.code}`}>
                    <Link href={href(d)}>{name(d)}</Link> <span class="muted">{t.quarterShort(d.quarter)}</span>{' '}
                    <q class="reason">{d.reason ? applyDigits(d.reason, locale.digits) : t.attention.noReason}</q>
                    {d.returnedAt && <span class="muted small"> {formatDateTime(d.returnedAt, locale)}</span>}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </div>
      )}
    </section>
  );
}

interface AttentionRow {
  kind: string;
  name: string;
  quarter: string;
  days: number | null;
  endDate: string | null;
  reason: string | null;
}

/** The three lists as one workbook: what is wrong, the district, the quarter, the days, the window's end and the reason. */
export function attentionDownload(data: ProvinceAttention, t: Messages, lang: Lang) {
  const name = (d: { nameTh: string; nameEn: string }) => (lang === 'en' ? d.nameEn : d.nameTh);
  const rows: AttentionRow[] = [
    ...data.overdue.map((d) => ({ kind: t.attention.overdue, name: name(d), quarter: t.quarterShort(d.quarter), days: d.daysLate, endDate: d.endDate, reason: null })),
    ...data.awaitingCertification.map((d) => ({ kind: t.attention.awaiting, name: name(d), quarter: t.quarterShort(d.quarter), days: d.daysWaiting, endDate: null, reason: null })),
    ...data.returned.map((d) => ({ kind: t.attention.returned, name: name(d), quarter: t.quarterShort(d.quarter), days: null, endDate: d.returnedAt ? bangkokDate(new Date(d.returnedAt)) : null, reason: d.reason })),
  ];
  const col = (key: keyof AttentionRow, label: string, kind: TableColumn<AttentionRow>['kind'] = 'text'): TableColumn<AttentionRow> => ({ key, label, kind, value: (r) => r[key] as CellValue });
  return tableDownload(t.attention.title, [col('kind', t.attention.kindCol), col('name', t.overview.districtCol), col('quarter', t.attention.quarter), col('days', t.attention.daysCol, 'integer'), col('endDate', t.attention.endCol, 'date'), col('reason', t.attention.reasonCol)], rows);
}
