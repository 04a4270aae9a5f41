import { useEffect } from 'preact/hooks';
import { useApp } from '../app-context.ts';
import { formatClock } from '../format/format-date.ts';
import { liveMessages } from '../i18n/live-messages.ts';
import { useLiveSnapshot } from '../live-updates.ts';
import '../styles/live-status.css';

/**
 * "Updated hh.mm" and a refresh button; while it is on screen the page watches its scope and
 * reloads by itself when something in it changes (dashboard/live-updates.ts). One line on a
 * page: `<LiveStatus fy={ready ? fy : null} province={province} />`.
 */
export function LiveStatus({ fy, province = null, district = null }: { fy: number | null; province?: string | null; district?: string | null }) {
  const { locale } = useApp();
  const { live, snapshot } = useLiveSnapshot();
  useEffect(() => (fy === null ? undefined : live.watch({ fy, province, district })), [live, fy, province, district]);
  const m = liveMessages(locale);
  const how = snapshot.mode === 'live' ? m.live : snapshot.mode === 'polling' ? m.polling : snapshot.mode === 'connecting' ? m.connecting : null;
  return (
    <div class="live-status" data-testid="live-status" data-mode={snapshot.mode}>
      <span class={`live-dot live-dot-${snapshot.mode}`} aria-hidden="true" title={how ?? undefined} />
      <span data-testid="live-updated">{snapshot.lastLoaded ? m.updated(formatClock(snapshot.lastLoaded, locale)) : m.loading}</span>
      {how && <span class="visually-hidden">{how}</span>}
      <button type="button" class="secondary small" onClick={() => live.refresh()} aria-label={`${m.refresh}: ${m.refreshLabel}`}>
        {m.refresh}
      </button>
    </div>
  );
}
