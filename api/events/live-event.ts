import type { SessionUser } from '../auth/session-user.ts';

/** What changed: registration figures, a district's or a province's workflow state, the plan. */
export const LIVE_EVENT_KINDS = ['data', 'district-round', 'province-round', 'plan'] as const;
export type LiveEventKind = (typeof LIVE_EVENT_KINDS)[number];

/**
 * One change as the dashboards learn of it: where and what, never who or whose (no names, no
 * IDs of people). A null province is national (the plan, rounds, targets); a null district is
 * province-wide. `id` is `<process>-<sequence>`: the sequence grows by one per event within an
 * API process, and the process part lets a reconnect that lands on another process behind a
 * load balancer be told to refresh instead of being given a wrong replay.
 */
export interface LiveEvent {
  id: string;
  kind: LiveEventKind;
  fiscalYear: number | null;
  quarter: number | null;
  provinceCode: string | null;
  districtCode: string | null;
}

/** The change as PostgreSQL announced it (migration live_events), or null when it is not ours. */
export function parseLiveEventPayload(payload: string): Omit<LiveEvent, 'id'> | null {
  let raw: unknown;
  try {
    raw = JSON.parse(payload);
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  if (!(LIVE_EVENT_KINDS as readonly unknown[]).includes(r.kind)) return null;
  const int = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) ? v : null);
  const code = (v: unknown, length: number) => (typeof v === 'string' && v.trim().length === length ? v.trim() : null);
  return {
    kind: r.kind as LiveEventKind,
    fiscalYear: int(r.fy),
    quarter: int(r.q),
    provinceCode: code(r.p, 2),
    districtCode: code(r.d, 4),
  };
}

/**
 * Whether the user may hear of the change: the department and analysts hear of everything; a
 * province officer of national changes and their province's; a district officer of national
 * changes, their province's province-wide ones and their own district's. Admin sees no data.
 */
export function eventInScope(user: Pick<SessionUser, 'role' | 'provinceCode' | 'districtCode'>, e: Pick<LiveEvent, 'provinceCode' | 'districtCode'>): boolean {
  switch (user.role) {
    case 'department':
    case 'analyst':
      return true;
    case 'province':
      return e.provinceCode === null || e.provinceCode === user.provinceCode;
    case 'district':
      if (e.provinceCode === null) return true;
      if (e.provinceCode !== user.provinceCode) return false;
      return e.districtCode === null || e.districtCode === user.districtCode;
    default:
      return false;
  }
}
