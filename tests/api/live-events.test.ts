import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { loadConfig } from '../../api/config.ts';
import { createApp } from '../../api/create-app.ts';
import { createLiveEvents } from '../../api/events/live-events.ts';
import { createProgressCache } from '../../api/progress-cache.ts';
import { createDb, type DbHandle } from '../../db/create-db.ts';
import { districtRounds } from '../../db/schema/index.ts';
import { makeThaiId } from '../../domain/thai-id.ts';
import { TEST_DATABASE_URL, TEST_ENGINE } from '../support/test-db.ts';
import { Client, createApiFixture, signIn, type AccountName, type ApiFixture } from './support/api-fixture.ts';
import { readEventStream, type EventStreamReader, type ReadEvent } from './support/event-stream-reader.ts';

type Change = { kind: string; fiscalYear: number | null; quarter: number | null; province: string | null; district: string | null };
const change = (e: ReadEvent) => (e.event === 'change' ? (JSON.parse(e.data) as Change) : null);
const about = (district: string, kind?: string) => (e: ReadEvent) => {
  const c = change(e);
  return c !== null && c.district === district && (kind === undefined || c.kind === kind);
};

describe(`live updates: /api/events fed by LISTEN/NOTIFY (${TEST_ENGINE})`, () => {
  let f: ApiFixture;
  const c = {} as Record<AccountName, Client>;
  const open: EventStreamReader[] = [];

  async function subscribe(client: Client, headers: Record<string, string> = {}): Promise<EventStreamReader> {
    const res = await client.get('/api/events', { headers });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const stream = readEventStream(res);
    open.push(stream);
    await stream.waitFor((e) => e.event === 'ready');
    return stream;
  }

  beforeAll(async () => {
    f = await createApiFixture();
    for (const name of ['district3801', 'district3802', 'province38', 'province43', 'department', 'analyst', 'admin'] as const) c[name] = await signIn(f.app, name);
  });
  afterAll(async () => {
    await Promise.all(open.map((s) => s.close()));
    await f.close();
  });

  it('a district’s submit reaches its province and the department within 2 s; another province and district hear nothing', async () => {
    const [province38, province43, department, district3802] = await Promise.all([
      subscribe(c.province38),
      subscribe(c.province43),
      subscribe(c.department),
      subscribe(c.district3802),
    ]);
    const started = Date.now();
    expect((await c.district3801.post('/api/rounds/2561-Q1/districts/3801/submit', {})).status).toBe(200);
    const heard = await province38.waitFor(about('3801', 'district-round'));
    expect(Date.now() - started).toBeLessThan(2000);
    // Only where and what: no names, no IDs of people, an increasing id.
    expect(JSON.parse(heard.data)).toEqual({ kind: 'district-round', fiscalYear: 2561, quarter: 1, province: '38', district: '3801' });
    expect(heard.id).toMatch(/^[0-9a-f]{8}-\d+$/);
    await department.waitFor(about('3801', 'district-round'));
    // The certify that follows is heard later, with a larger id.
    expect((await c.province38.post('/api/rounds/2561-Q1/districts/3801/certify', {})).status).toBe(200);
    const next = await province38.waitFor((e) => about('3801')(e) && e.id !== heard.id);
    expect(Number(next.id!.split('-')[1])).toBeGreaterThan(Number(heard.id!.split('-')[1]));
    await new Promise((r) => setTimeout(r, 200));
    expect(province43.events.filter((e) => e.event === 'change')).toEqual([]);
    expect(district3802.events.filter(about('3801'))).toEqual([]);
  });

  it('a single registration is announced to its district as a data change', async () => {
    const district3802 = await subscribe(c.district3802);
    const fields = { producer_name: 'กลุ่มทดสอบสด', citizen_id: makeThaiId('338010099901'), producer_type: 'กลุ่มผู้ผลิตชุมชน', subdistrict: 'ศรีชมภู' };
    const res = await c.district3802.post('/api/registrations', { district: '3802', round: '2561-Q1', fields, rows: [{ product_name: 'ปลาร้าบอง', category: 'อาหาร' }] });
    expect(res.status).toBe(201);
    const heard = await district3802.waitFor(about('3802', 'data'));
    expect(JSON.parse(heard.data)).toEqual({ kind: 'data', fiscalYear: 2561, quarter: 1, province: '38', district: '3802' });
  });

  it('a write that rolls back announces nothing', async () => {
    const province38 = await subscribe(c.province38);
    await f.t.db
      .transaction(async (tx) => {
        await tx.update(districtRounds).set({ state: 'returned' }).where(and(eq(districtRounds.roundCode, '2561-Q1'), eq(districtRounds.districtCode, '3801')));
        throw new Error('roll back');
      })
      .catch(() => {});
    await new Promise((r) => setTimeout(r, 300));
    expect(province38.events.filter((e) => e.event === 'change')).toEqual([]);
  });

  it('a statement touching more than 100 districts (a national load) announces each province once, not each district', async () => {
    const department = await subscribe(c.department);
    // Roll-up rows of 120 districts in 12 provinces, as a national load's trigger writes them.
    await f.t.db.execute(sql`insert into registration_counts (round_code, district_code, producer_type, fiscal_year, province_code, producers)
      select '2561-Q2', (50 + d / 10)::text || lpad((d % 10)::text, 2, '0'), 'community-group', 2561, (50 + d / 10)::text, 1 from generate_series(0, 119) d`);
    await department.waitFor((e) => change(e)?.province === '61');
    await new Promise((r) => setTimeout(r, 200));
    const heard = department.events.map(change).filter((x) => x !== null);
    expect(heard).toHaveLength(12);
    expect(heard.every((x) => x.district === null && x.kind === 'data' && x.fiscalYear === 2561 && x.quarter === 2)).toBe(true);
    await f.t.db.execute(sql`delete from registration_counts where province_code::int between 50 and 61`);
  });

  it('a reconnect with Last-Event-ID gets what it missed; an unknown or foreign id is told to refresh', async () => {
    const first = await subscribe(c.province38);
    const position = first.events[0]!.id!;
    await first.close();
    expect((await c.province38.post('/api/rounds/2561-Q1/districts/3801/reopen', { reason: 'ตรวจใหม่' })).status).toBe(200);
    const again = await subscribe(c.province38, { 'last-event-id': position });
    const missed = await again.waitFor(about('3801', 'district-round'));
    expect(Number(missed.id!.split('-')[1])).toBeGreaterThan(Number(position.split('-')[1]));
    const foreign = await subscribe(c.province38, { 'last-event-id': '00000000-5' });
    await foreign.waitFor((e) => e.event === 'refresh');
    expect(foreign.events.filter((e) => e.event === 'change')).toEqual([]);
  });

  it('refuses anonymous callers (401) and admin (403); at most 6 streams per account (429, then free again)', async () => {
    expect((await new Client(f.app).get('/api/events')).status).toBe(401);
    expect((await c.admin.get('/api/events')).status).toBe(403);
    const six = await Promise.all(Array.from({ length: 6 }, () => subscribe(c.analyst)));
    const seventh = await c.analyst.get('/api/events');
    expect(seventh.status).toBe(429);
    expect(seventh.headers.get('content-type')).toMatch(/problem\+json/);
    expect(((await seventh.json()) as { type: string }).type).toMatch(/too-many-streams$/);
    await six[0]!.close();
    // The slot is given back when the browser goes away.
    await expect.poll(async () => {
      const res = await c.analyst.get('/api/events');
      if (res.status === 200) open.push(readEventStream(res));
      else await res.body?.cancel();
      return res.status;
    }, { timeout: 2000 }).toBe(200);
  });

  it('keeps an idle stream alive with comments and ends it after its lifetime (the browser reconnects)', async () => {
    const events = createLiveEvents({ db: f.t.db, heartbeatMs: 100, maxStreamMs: 600 });
    const app = createApp({ db: f.t.db, engine: f.t.engine, config: f.config, now: () => f.clock.now, events });
    const client = new Client(app);
    client.cookie = c.province38.cookie;
    const res = await client.get('/api/events');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-accel-buffering')).toBe('no');
    const stream = readEventStream(res);
    await stream.ended;
    expect(stream.raw()).toContain(': keep-alive');
    expect(stream.events[0]).toMatchObject({ event: 'ready' });
    expect(stream.raw()).toContain('retry: 2000');
    await events.close();
    // Shutting down: a reconnect is told to come back (to another process), not a 500.
    const late = await client.get('/api/events');
    expect(late.status).toBe(503);
    expect(late.headers.get('retry-after')).toBe('2');
  });

  it('progress answers an unchanged poll with 304 (ETag) and a changed one with 200', async () => {
    const first = await c.province38.get('/api/progress?fy=2561&province=38');
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const same = await c.province38.get('/api/progress?fy=2561&province=38', { headers: { 'if-none-match': etag } });
    expect(same.status).toBe(304);
    expect(await same.text()).toBe('');
    expect((await c.district3802.post('/api/rounds/2561-Q1/districts/3802/submit', {})).status).toBe(200);
    const changed = await c.province38.get('/api/progress?fy=2561&province=38', { headers: { 'if-none-match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
  });

  it('a change heard for a province lets that province’s cached progress go, and only that one', async () => {
    const cache = createProgressCache();
    const now = f.clock.now;
    const p38 = { fiscalYear: 2561, provinceCode: '38' };
    const p43 = { fiscalYear: 2561, provinceCode: '43' };
    await cache.get(f.t.db, p38, now);
    await cache.get(f.t.db, p43, now);
    cache.invalidate('38');
    await cache.get(f.t.db, p38, now);
    await cache.get(f.t.db, p43, now);
    expect(cache.stats).toEqual({ hits: 1, misses: 3 });
    cache.invalidate(null);
    await cache.get(f.t.db, p43, now);
    expect(cache.stats).toEqual({ hits: 1, misses: 4 });
  });

  describe.skipIf(!TEST_DATABASE_URL)('two app instances on one PostgreSQL (PostgreSQL pass only)', () => {
    let second: DbHandle;
    afterAll(async () => second?.close());

    it('a transition through one instance reaches a subscriber of the other', async () => {
      second = await createDb({ databaseUrl: f.t.url!, maxConnections: 2 });
      const appB = createApp({ db: second.db, engine: second.engine, config: loadConfig({ TRUST_PROXY: '1' }), now: () => f.clock.now });
      const onB = new Client(appB);
      onB.cookie = c.province38.cookie;
      const stream = await subscribe(onB);
      const started = Date.now();
      expect((await c.province38.post('/api/rounds/2561-Q1/districts/3802/certify', {})).status).toBe(200);
      await stream.waitFor(about('3802', 'district-round'));
      expect(Date.now() - started).toBeLessThan(2000);
      await stream.close();
      await (appB.request('/api/health') as Promise<Response>);
    });
  });
});
