import { problem, type ProblemError } from './problem.ts';

const MINUTE = 60_000;
/** Users remembered before the memory is swept of those with nothing left in the window. */
const SWEEP_AT_USERS = 1_000;

type Bilingual = { en: string; th: string };

/** What a refusal says: its problem type, and its title and detail in both languages. */
export type RateLimitRefusal = {
  type: string;
  title: Bilingual;
  detail: (perMinute: number, seconds: number) => Bilingual;
};

/**
 * When the user's finished acts began, newest first, at most `max` of them since `since`: for an
 * act the database records (a dry run's audit row), read from there so the count holds across
 * API processes and restarts.
 */
export type FinishedActs = (since: Date, max: number) => Promise<readonly Date[]>;

/** Runs `act` in one of the user's slots for this minute, or throws the 429 refusal. */
export type PerUserRateLimit = <T>(userId: string, now: Date, act: () => Promise<T>, finished?: FinishedActs) => Promise<T>;

/**
 * At most `perMinute` acts per user in any sliding minute; the next is refused 429 with
 * Retry-After (when the oldest leaves the window) and `retryAfterSeconds`. A refused act is not
 * counted.
 *
 * An act counts from the moment it is let in: acts still running in this process are reserved
 * before the finished ones are counted, so a burst sent at once cannot all pass the count. Finished
 * acts come from `finished` when the caller has a durable record of them; without one, this
 * process remembers them, and several API processes then allow `perMinute` each.
 *
 * One limiter per concern, created by the router that owns it (no module-level state).
 */
export function perUserRateLimit(perMinute: number, refusal: RateLimitRefusal): PerUserRateLimit {
  const running = new Map<string, number>();
  // Start times of finished acts per user, for callers with no durable record.
  const remembered = new Map<string, Date[]>();

  const inMemory = (userId: string): FinishedActs => async (since, max) =>
    (remembered.get(userId) ?? [])
      .filter((d) => d > since)
      .sort((a, b) => b.getTime() - a.getTime())
      .slice(0, max);

  const remember = (userId: string, startedAt: Date) => {
    const since = startedAt.getTime() - MINUTE;
    remembered.set(userId, [...(remembered.get(userId) ?? []).filter((d) => d.getTime() > since), startedAt]);
    if (remembered.size <= SWEEP_AT_USERS) return;
    for (const [id, times] of remembered) if (times.every((d) => d.getTime() <= since)) remembered.delete(id);
  };

  return async function withRateLimit<T>(userId: string, now: Date, act: () => Promise<T>, finished?: FinishedActs): Promise<T> {
    const before = running.get(userId) ?? 0;
    running.set(userId, before + 1);
    let admitted = false;
    try {
      const recent = await (finished ?? inMemory(userId))(new Date(now.getTime() - MINUTE), perMinute);
      if (recent.length + before >= perMinute) throw refused(perMinute, refusal, recent, now);
      admitted = true;
      // A durable record is written by the act before its slot is given back, so no count misses it.
      return await act();
    } finally {
      if (admitted && !finished) remember(userId, now);
      const left = (running.get(userId) ?? 1) - 1;
      if (left > 0) running.set(userId, left);
      else running.delete(userId);
    }
  };
}

function refused(perMinute: number, refusal: RateLimitRefusal, recent: readonly Date[], now: Date): ProblemError {
  // The oldest finished act leaves the window first; with none, a running one finishes within the minute.
  const oldest = recent.length > 0 ? recent[recent.length - 1]! : now;
  const seconds = Math.max(1, Math.ceil((oldest.getTime() + MINUTE - now.getTime()) / 1000));
  const detail = refusal.detail(perMinute, seconds);
  return problem(429, refusal.type, refusal.title, { detail: detail.en, detailTh: detail.th, retryAfterSeconds: seconds }, { 'retry-after': String(seconds) });
}
