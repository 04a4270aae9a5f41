// Workflow of one registration round. Each district's data goes open → submitted → certified
// (or back to returned for corrections); the province then reports the round to the
// department, which announces it. Once announced, the round is final for every district in
// the province.

export type Role = 'district' | 'province' | 'department';
export type DistrictRoundState = 'open' | 'submitted' | 'returned' | 'certified';
export type DistrictAction = 'submit' | 'certify' | 'return' | 'reopen';
export type ProvinceRoundState = 'open' | 'reported' | 'announced';
export type ProvinceAction = 'report' | 'announce';
export type RoundAction = DistrictAction | ProvinceAction;

export const DISTRICT_ACTIONS: readonly DistrictAction[] = ['submit', 'certify', 'return', 'reopen'];
export const PROVINCE_ACTIONS: readonly ProvinceAction[] = ['report', 'announce'];
export const DISTRICT_ROUND_STATES: readonly DistrictRoundState[] = ['open', 'submitted', 'returned', 'certified'];
export const PROVINCE_ROUND_STATES: readonly ProvinceRoundState[] = ['open', 'reported', 'announced'];

/** The only role allowed to perform each action. */
export const ACTION_ROLE: Readonly<Record<RoundAction, Role>> = {
  submit: 'district',
  certify: 'province',
  return: 'province',
  reopen: 'province',
  report: 'province',
  announce: 'department',
};

const DISTRICT_TRANSITIONS: Readonly<Record<DistrictAction, Partial<Record<DistrictRoundState, DistrictRoundState>>>> = {
  submit: { open: 'submitted', returned: 'submitted' },
  certify: { submitted: 'certified' },
  return: { submitted: 'returned' },
  reopen: { certified: 'returned' },
};

const PROVINCE_TRANSITIONS: Readonly<Record<ProvinceAction, Partial<Record<ProvinceRoundState, ProvinceRoundState>>>> = {
  report: { open: 'reported' },
  announce: { reported: 'announced' },
};

/** A certified district can be reopened only until the department announces the round. */
export function canReopen(provinceState: ProvinceRoundState): boolean {
  return provinceState !== 'announced';
}

/** True when the district's data for the round may no longer be changed by uploads or forms. */
export function isDistrictRoundLocked(districtState: DistrictRoundState, provinceState: ProvinceRoundState): boolean {
  return districtState === 'certified' || provinceState === 'announced';
}

/**
 * State after a district action, or null when the action is not allowed from this state.
 * With provinceState given, the province lock applies too: nothing moves once the round is
 * announced.
 */
export function nextDistrictState(
  state: DistrictRoundState,
  action: DistrictAction,
  provinceState?: ProvinceRoundState,
): DistrictRoundState | null {
  if (provinceState === 'announced') return null;
  return DISTRICT_TRANSITIONS[action]?.[state] ?? null;
}

/** State after a province-level action, or null when not allowed from this state. */
export function nextProvinceState(state: ProvinceRoundState, action: ProvinceAction): ProvinceRoundState | null {
  return PROVINCE_TRANSITIONS[action]?.[state] ?? null;
}

/**
 * Reporting a round to the department needs a written reason only when some district is not
 * certified yet (the province reports what it has and says why).
 */
export function reportNeedsReason(allCertified: boolean): boolean {
  return !allCertified;
}

/**
 * Whether the actor must give a reason. 'return' and 'reopen' always; 'report' only when not
 * every district is certified — without `allCertified` it is assumed they are not, so the
 * reason is asked for rather than silently skipped.
 */
export function actionNeedsReason(action: RoundAction, context?: { allCertified?: boolean }): boolean {
  if (action === 'return' || action === 'reopen') return true;
  if (action === 'report') return reportNeedsReason(context?.allCertified ?? false);
  return false;
}

/** District actions this role may take now (province lock applied when provinceState is given). */
export function allowedDistrictActions(
  state: DistrictRoundState,
  role: Role,
  provinceState?: ProvinceRoundState,
): DistrictAction[] {
  return DISTRICT_ACTIONS.filter(
    (a) => ACTION_ROLE[a] === role && nextDistrictState(state, a, provinceState) !== null,
  );
}

/** Province-level actions this role may take now. */
export function allowedProvinceActions(state: ProvinceRoundState, role: Role): ProvinceAction[] {
  return PROVINCE_ACTIONS.filter((a) => ACTION_ROLE[a] === role && nextProvinceState(state, a) !== null);
}

export const DISTRICT_ROUND_STATE_LABELS: Readonly<Record<DistrictRoundState, { th: string; en: string }>> = {
  open: { th: 'เปิดรับข้อมูล', en: 'Open' },
  submitted: { th: 'ส่งจังหวัดแล้ว รอรับรอง', en: 'Submitted, awaiting certification' },
  returned: { th: 'จังหวัดส่งกลับให้แก้ไข', en: 'Returned for correction' },
  certified: { th: 'จังหวัดรับรองแล้ว', en: 'Certified' },
};

export const PROVINCE_ROUND_STATE_LABELS: Readonly<Record<ProvinceRoundState, { th: string; en: string }>> = {
  open: { th: 'ยังไม่รายงานกรมฯ', en: 'Not yet reported' },
  reported: { th: 'รายงานกรมฯ แล้ว', en: 'Reported to the department' },
  announced: { th: 'กรมฯ ประกาศรับรองแล้ว', en: 'Announced by the department' },
};

export const ACTION_LABELS: Readonly<Record<RoundAction, { th: string; en: string }>> = {
  submit: { th: 'ส่งข้อมูลให้จังหวัด', en: 'Submit to province' },
  certify: { th: 'รับรองข้อมูล', en: 'Certify' },
  return: { th: 'ส่งกลับให้อำเภอแก้ไข', en: 'Return to district' },
  reopen: { th: 'เปิดให้แก้ไขอีกครั้ง', en: 'Reopen' },
  report: { th: 'รายงานผลให้กรมฯ', en: 'Report to department' },
  announce: { th: 'ประกาศรับรองผลการลงทะเบียน', en: 'Announce results' },
};
