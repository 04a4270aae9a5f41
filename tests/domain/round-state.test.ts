import { describe, expect, it } from 'vitest';
import {
  ACTION_LABELS,
  ACTION_ROLE,
  DISTRICT_ACTIONS,
  DISTRICT_ROUND_STATES,
  type DistrictAction,
  type DistrictRoundState,
  PROVINCE_ACTIONS,
  PROVINCE_ROUND_STATES,
  type ProvinceAction,
  type ProvinceRoundState,
  actionNeedsReason,
  allowedDistrictActions,
  allowedProvinceActions,
  canReopen,
  isDistrictRoundLocked,
  nextDistrictState,
  nextProvinceState,
  reportNeedsReason,
} from '../../domain/round-state.ts';

// The whole district table, legal moves listed; every other (state, action) pair must be refused.
const DISTRICT_LEGAL: Record<string, DistrictRoundState> = {
  'open/submit': 'submitted',
  'returned/submit': 'submitted',
  'submitted/certify': 'certified',
  'submitted/return': 'returned',
  'certified/reopen': 'returned',
};
const PROVINCE_LEGAL: Record<string, ProvinceRoundState> = {
  'open/report': 'reported',
  'reported/announce': 'announced',
};

describe('nextDistrictState', () => {
  const pairs = DISTRICT_ROUND_STATES.flatMap((s) => DISTRICT_ACTIONS.map((a) => [s, a] as [DistrictRoundState, DistrictAction]));

  it('covers all 16 state × action pairs', () => {
    expect(pairs).toHaveLength(16);
  });

  it.each(pairs)('%s + %s', (state, action) => {
    expect(nextDistrictState(state, action)).toBe(DISTRICT_LEGAL[`${state}/${action}`] ?? null);
  });

  it('allows every legal move while the province round is open or reported', () => {
    for (const p of ['open', 'reported'] as const) {
      for (const [state, action] of pairs) {
        expect(nextDistrictState(state, action, p)).toBe(DISTRICT_LEGAL[`${state}/${action}`] ?? null);
      }
    }
  });

  it('refuses every move once the province round is announced', () => {
    for (const [state, action] of pairs) expect(nextDistrictState(state, action, 'announced')).toBeNull();
  });
});

describe('nextProvinceState', () => {
  const pairs = PROVINCE_ROUND_STATES.flatMap((s) => PROVINCE_ACTIONS.map((a) => [s, a] as [ProvinceRoundState, ProvinceAction]));

  it.each(pairs)('%s + %s', (state, action) => {
    expect(nextProvinceState(state, action)).toBe(PROVINCE_LEGAL[`${state}/${action}`] ?? null);
  });

  it('cannot report twice or announce before a report', () => {
    expect(nextProvinceState('reported', 'report')).toBeNull();
    expect(nextProvinceState('open', 'announce')).toBeNull();
    expect(nextProvinceState('announced', 'announce')).toBeNull();
  });
});

describe('ACTION_ROLE', () => {
  it('gives each action to exactly one role', () => {
    expect(ACTION_ROLE).toEqual({
      submit: 'district',
      certify: 'province',
      return: 'province',
      reopen: 'province',
      report: 'province',
      announce: 'department',
    });
  });
});

describe('allowedDistrictActions', () => {
  it('lets a district submit only when open or returned', () => {
    expect(allowedDistrictActions('open', 'district')).toEqual(['submit']);
    expect(allowedDistrictActions('returned', 'district')).toEqual(['submit']);
    expect(allowedDistrictActions('submitted', 'district')).toEqual([]);
    expect(allowedDistrictActions('certified', 'district')).toEqual([]);
  });

  it('lets the province certify or return a submission, and reopen a certified one', () => {
    expect(allowedDistrictActions('submitted', 'province')).toEqual(['certify', 'return']);
    expect(allowedDistrictActions('certified', 'province')).toEqual(['reopen']);
    expect(allowedDistrictActions('open', 'province')).toEqual([]);
    expect(allowedDistrictActions('returned', 'province')).toEqual([]);
  });

  it('gives the department no district actions', () => {
    for (const s of DISTRICT_ROUND_STATES) expect(allowedDistrictActions(s, 'department')).toEqual([]);
  });

  it('offers nothing once the province round is announced', () => {
    expect(allowedDistrictActions('certified', 'province', 'reported')).toEqual(['reopen']);
    expect(allowedDistrictActions('certified', 'province', 'announced')).toEqual([]);
    expect(allowedDistrictActions('open', 'district', 'announced')).toEqual([]);
  });
});

describe('allowedProvinceActions', () => {
  it('lets the province report an open round and the department announce a reported one', () => {
    expect(allowedProvinceActions('open', 'province')).toEqual(['report']);
    expect(allowedProvinceActions('reported', 'department')).toEqual(['announce']);
    expect(allowedProvinceActions('reported', 'province')).toEqual([]);
    expect(allowedProvinceActions('open', 'department')).toEqual([]);
    expect(allowedProvinceActions('open', 'district')).toEqual([]);
    expect(allowedProvinceActions('announced', 'department')).toEqual([]);
  });
});

describe('locks', () => {
  it('locks a district round when certified or when the province round is announced', () => {
    const locked = DISTRICT_ROUND_STATES.flatMap((d) =>
      PROVINCE_ROUND_STATES.filter((p) => isDistrictRoundLocked(d, p)).map((p) => `${d}/${p}`),
    );
    expect(locked).toEqual([
      'open/announced',
      'submitted/announced',
      'returned/announced',
      'certified/open',
      'certified/reported',
      'certified/announced',
    ]);
  });

  it('allows reopening until the round is announced', () => {
    expect(canReopen('open')).toBe(true);
    expect(canReopen('reported')).toBe(true);
    expect(canReopen('announced')).toBe(false);
  });
});

describe('reasons', () => {
  it('always asks a reason to return or reopen, never to submit, certify or announce', () => {
    expect(actionNeedsReason('return')).toBe(true);
    expect(actionNeedsReason('reopen')).toBe(true);
    expect(actionNeedsReason('submit')).toBe(false);
    expect(actionNeedsReason('certify')).toBe(false);
    expect(actionNeedsReason('announce')).toBe(false);
  });

  it('asks a reason to report only when some district is not certified', () => {
    expect(reportNeedsReason(true)).toBe(false);
    expect(reportNeedsReason(false)).toBe(true);
    expect(actionNeedsReason('report', { allCertified: true })).toBe(false);
    expect(actionNeedsReason('report', { allCertified: false })).toBe(true);
    expect(actionNeedsReason('report')).toBe(true);
  });
});

describe('labels', () => {
  it('names every action in Thai and English', () => {
    for (const a of [...DISTRICT_ACTIONS, ...PROVINCE_ACTIONS]) {
      expect(ACTION_LABELS[a].th).toMatch(/[\u0E01-\u0E4F]/);
      expect(ACTION_LABELS[a].en).toMatch(/^[A-Z][\x20-\x7E]+$/);
    }
  });
});
