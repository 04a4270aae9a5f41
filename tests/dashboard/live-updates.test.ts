import { describe, expect, it } from 'vitest';
import { changeConcerns, createLiveUpdates, progressPollUrl, type LiveChange } from '../../dashboard/live-updates.ts';
import { mapOutlinesKey } from '../../dashboard/charts/map-outlines-key.ts';
import { followedGeneration } from '../../dashboard/use-resource.ts';

/** Stands in for the browser's EventSource: the test dispatches what the server would send. */
class FakeStream extends EventTarget {
  readyState = 0;
  closed = false;
  constructor(readonly url: string) {
    super();
  }
  send(event: string, data: unknown = {}) {
    if (event === 'ready') this.readyState = 1;
    this.dispatchEvent(Object.assign(new Event(event), { data: JSON.stringify(data) }));
  }
  fail() {
    this.readyState = 2;
    this.dispatchEvent(new Event('error'));
  }
  close() {
    this.closed = true;
    this.readyState = 2;
  }
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
const change = (over: Partial<LiveChange>): LiveChange => ({ kind: 'district-round', fiscalYear: 2561, quarter: 1, province: '38', district: '3801', ...over });

function setUp(fetchAnswers: Array<{ status: number; etag: string }> = []) {
  const streams: FakeStream[] = [];
  const requests: Array<{ url: string; ifNoneMatch: string | null }> = [];
  const live = createLiveUpdates({
    eventSource: (url) => {
      const s = new FakeStream(url);
      streams.push(s);
      return s as unknown as EventSource;
    },
    fetch: (async (url: string, init?: RequestInit) => {
      const headers = (init?.headers ?? {}) as Record<string, string>;
      requests.push({ url, ifNoneMatch: headers['if-none-match'] ?? null });
      const a = fetchAnswers.shift() ?? { status: 304, etag: '"same"' };
      return new Response(a.status === 304 ? null : '{}', { status: a.status, headers: { etag: a.etag } });
    }) as typeof fetch,
    pollMs: 40,
    readyTimeoutMs: 60,
    debounceMs: 20,
    retryStreamMs: 10_000,
  });
  return { live, streams, requests };
}

describe('live updates in the dashboard', () => {
  it('a change on screen reloads the page once for a burst; a change elsewhere does not', async () => {
    const { live, streams } = setUp();
    const stop = live.watch({ fy: 2561, province: '38' });
    expect(streams).toHaveLength(1);
    expect(streams[0]!.url).toBe('/api/events');
    streams[0]!.send('ready');
    expect(live.snapshot().mode).toBe('live');
    streams[0]!.send('change', change({ province: '43', district: '4301' }));
    streams[0]!.send('change', change({ fiscalYear: 2560 }));
    await wait(50);
    expect(live.snapshot().generation).toBe(0);
    streams[0]!.send('change', change({}));
    streams[0]!.send('change', change({ kind: 'data' }));
    streams[0]!.send('change', change({ district: null, kind: 'province-round' }));
    await wait(50);
    expect(live.snapshot().generation).toBe(1);
    streams[0]!.send('refresh');
    await wait(50);
    expect(live.snapshot().generation).toBe(2);
    stop();
    await wait(5);
    expect(streams[0]!.closed).toBe(true);
    expect(live.snapshot().mode).toBe('off');
  });

  it('the refresh button reloads at once; a finished load sets the "updated" time', () => {
    const { live } = setUp();
    live.refresh();
    expect(live.snapshot().generation).toBe(1);
    expect(live.snapshot().lastLoaded).toBeNull();
    live.loaded();
    expect(live.snapshot().lastLoaded).toBeInstanceOf(Date);
  });

  it('a refused stream (429, a proxy) falls back to polling progress by ETag: 304 keeps the page, a new tag reloads it', async () => {
    const { live, streams, requests } = setUp([
      { status: 200, etag: '"a"' },
      { status: 304, etag: '"a"' },
      { status: 200, etag: '"b"' },
    ]);
    live.watch({ fy: 2561, district: '3801' });
    streams[0]!.fail();
    expect(live.snapshot().mode).toBe('polling');
    await expect.poll(() => requests.length, { timeout: 3000 }).toBeGreaterThanOrEqual(4);
    expect(requests[0]).toEqual({ url: '/api/progress?fy=2561&district=3801', ifNoneMatch: null });
    expect(requests[1]).toEqual({ url: '/api/progress?fy=2561&district=3801', ifNoneMatch: '"a"' });
    expect(requests[2]!.ifNoneMatch).toBe('"a"');
    expect(requests[3]!.ifNoneMatch).toBe('"b"');
    expect(live.snapshot().generation).toBe(1);
  });

  it('a stream that never says ready (a buffering proxy) is joined by polling until it does', async () => {
    const { live, streams, requests } = setUp();
    live.watch({ fy: 2561 });
    await expect.poll(() => live.snapshot().mode, { timeout: 3000 }).toBe('polling');
    await expect.poll(() => requests.length, { timeout: 3000 }).toBeGreaterThan(0);
    streams[0]!.send('ready');
    expect(live.snapshot().mode).toBe('live');
    const polled = requests.length;
    await wait(100);
    expect(requests.length).toBe(polled);
  });

  it('a signed-out poll (401) stops polling instead of asking every 10 s for ever', async () => {
    const { live, streams, requests } = setUp([{ status: 401, etag: '' }]);
    live.watch({ fy: 2561, province: '38' });
    streams[0]!.fail();
    await wait(200);
    expect(requests).toHaveLength(1);
  });

  it('tells which changes concern a page', () => {
    const nation = { fy: 2561 };
    const province = { fy: 2561, province: '38' };
    const district = { fy: 2561, district: '3801' };
    expect(changeConcerns(nation, change({ province: '43' }))).toBe(true);
    expect(changeConcerns(province, change({ province: '43' }))).toBe(false);
    expect(changeConcerns(district, change({ district: '3802' }))).toBe(false);
    expect(changeConcerns(district, change({ district: null }))).toBe(true);
    expect(changeConcerns(district, change({ kind: 'plan', fiscalYear: null, quarter: null, province: null, district: null }))).toBe(true);
    expect(changeConcerns(province, change({ fiscalYear: 2562 }))).toBe(false);
    expect(progressPollUrl(province)).toBe('/api/progress?fy=2561&province=38');
  });
});

describe('resources that do not change with registration data (review: the map redrew on every event)', () => {
  it('a live change moves the page’s generation, but not that of a resource that opted out (the outlines)', async () => {
    const { live, streams } = setUp();
    const stop = live.watch({ fy: 2561, province: '38' });
    streams[0]!.send('ready');
    const before = live.snapshot().generation;
    streams[0]!.send('change', change({}));
    await wait(400);
    const after = live.snapshot().generation;
    expect(after).toBe(before + 1);
    expect(followedGeneration(after)).not.toBe(followedGeneration(before));
    expect(followedGeneration(after, { live: false })).toBe(followedGeneration(before, { live: false }));
    live.refresh();
    expect(followedGeneration(live.snapshot().generation, { live: false })).toBe(0);
    stop();
  });

  it('the map keeps its host while the outlines are the same, even as a new answer object', () => {
    const answer = () => ({ level: 'district', features: [{ id: '3801', geometry: { type: 'Polygon', coordinates: [[[103.6, 18.3], [103.7, 18.4], [103.6, 18.3]]] } }] });
    expect(mapOutlinesKey(answer())).toBe(mapOutlinesKey(answer()));
    const moved = answer();
    moved.features[0]!.geometry.coordinates[0]![1]![0] = 103.71;
    expect(mapOutlinesKey(moved)).not.toBe(mapOutlinesKey(answer()));
    expect(mapOutlinesKey({ ...answer(), level: 'province' })).not.toBe(mapOutlinesKey(answer()));
  });
});
