import { fiscalYearOf } from '../../domain/fiscal-year.ts';

/**
 * The fiscal years a plan exists for, read from GET /api/rounds whatever its wrapping
 * (an array, or { rounds } / { items }) and whether a round names its year or only its code
 * ('2561-Q2'). Newest first.
 */
export function fiscalYearsFromRounds(body: unknown): number[] {
  const list: unknown[] = Array.isArray(body)
    ? body
    : body && typeof body === 'object'
      ? (((body as { rounds?: unknown[]; items?: unknown[] }).rounds ?? (body as { items?: unknown[] }).items) ?? [])
      : [];
  const years = new Set<number>();
  for (const r of list) {
    if (!r || typeof r !== 'object') continue;
    const o = r as { fiscalYear?: unknown; code?: unknown; roundCode?: unknown };
    if (typeof o.fiscalYear === 'number') years.add(o.fiscalYear);
    else {
      const m = /^(\d{4})-Q[1-4]$/.exec(String(o.code ?? o.roundCode ?? ''));
      if (m) years.add(Number(m[1]));
    }
  }
  return [...years].sort((a, b) => b - a);
}

/** The year to show when the URL names none: today's if planned, else the latest planned before it, else the newest. */
export function defaultFiscalYear(planned: readonly number[], today: string): number {
  const current = fiscalYearOf(today);
  if (planned.length === 0) return current;
  if (planned.includes(current)) return current;
  const before = planned.filter((y) => y < current);
  return before.length > 0 ? Math.max(...before) : Math.max(...planned);
}
