import type { Db } from '../../../db/create-db.ts';
import { parseRoundCode } from '../../../domain/fiscal-year.ts';
import { bangkokDate } from '../../../domain/timeliness.ts';
import { DomainError, fieldIssue } from '../../domain-error.ts';
import { latestFiscalYear } from '../../queries/latest-fiscal-year.ts';
import { roundPlan, type PlannedRound } from '../../queries/round-plan.ts';

export interface ReportPeriod {
  fiscalYear: number;
  /** Every planned round of the year, in time order. */
  rounds: PlannedRound[];
  /** The round asked for (or chosen by default), or null for the whole year. */
  round: PlannedRound | null;
}

/**
 * Which round a document is about when none is asked for: 'current' the round whose district
 * registration (step 1) is open or comes next (a covering letter asks the districts to register
 * in it), 'certifying' the latest round whose district registration has closed (an announcement
 * certifies it).
 */
export type DefaultRound = 'none' | 'current' | 'certifying';

function defaultRound(rounds: readonly PlannedRound[], today: string, kind: DefaultRound): PlannedRound | null {
  if (kind === 'none' || rounds.length === 0) return null;
  const step1 = (r: PlannedRound) => r.windows.find((w) => w.step === 1);
  if (kind === 'current') {
    return rounds.find((r) => (step1(r)?.endDate ?? '') >= today) ?? rounds[rounds.length - 1] ?? null;
  }
  const closed = rounds.filter((r) => (step1(r)?.endDate ?? '9999') < today);
  return closed[closed.length - 1] ?? rounds[0] ?? null;
}

/**
 * The fiscal year and round a document is about: the round given (its year must match `fy`
 * when both are given: 422), else the fiscal year given or the latest planned one, with the
 * default round of `kind`. A year or round that is not in the plan answers 404.
 */
export async function reportPeriod(
  db: Db,
  params: { fiscalYear?: number | undefined; roundCode?: string | undefined },
  now: Date,
  kind: DefaultRound,
): Promise<ReportPeriod> {
  let fiscalYear = params.fiscalYear;
  let code: string | undefined;
  if (params.roundCode !== undefined) {
    const parsed = parseRoundCode(params.roundCode);
    if (!parsed) throw DomainError.invalid([fieldIssue('round', 'invalid-value', { en: "round must look like '2561-Q1'", th: "รอบต้องอยู่ในรูป '2561-Q1'" })]);
    if (fiscalYear !== undefined && fiscalYear !== parsed.fiscalYear) {
      throw DomainError.invalid([fieldIssue('round', 'invalid-value', { en: 'round is not in the fiscal year fy', th: 'รอบไม่อยู่ในปีงบประมาณที่ระบุ' })]);
    }
    fiscalYear = parsed.fiscalYear;
    code = `${parsed.fiscalYear}-Q${parsed.quarter}`;
  }
  fiscalYear ??= (await latestFiscalYear(db, now)) ?? undefined;
  if (fiscalYear === undefined) throw DomainError.notFound();
  const rounds = await roundPlan(db, { fiscalYear });
  if (rounds.length === 0) throw DomainError.notFound();
  if (code !== undefined) {
    const round = rounds.find((r) => r.code === code);
    if (!round) throw DomainError.notFound();
    return { fiscalYear, rounds, round };
  }
  return { fiscalYear, rounds, round: defaultRound(rounds, bangkokDate(now), kind) };
}
