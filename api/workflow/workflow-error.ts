import type { DistrictRoundState, ProvinceRoundState, RoundAction } from '../../domain/round-state.ts';

export type WorkflowErrorKind =
  | 'not-found' // unknown round or district/province, or outside the actor's scope
  | 'forbidden' // the actor's role may not take this action
  | 'conflict' // the action is not allowed from the current state (or the version moved on)
  | 'reason-required' // return, reopen, and a report with uncertified districts need a reason
  | 'reason-incomplete' // a report's reason must name every district not yet certified
  | 'load-running'; // a file is being loaded into the district (or one of the province's) right now

export type MissingDistrict = { code: string; nameTh: string; nameEn: string; state: DistrictRoundState };

export interface WorkflowErrorInfo {
  action: RoundAction;
  currentState?: DistrictRoundState | ProvinceRoundState;
  provinceState?: ProvinceRoundState;
  version?: number;
  /** Set when the conflict is a stale expectedVersion rather than the state itself. */
  expectedVersion?: number;
  missingDistricts?: MissingDistrict[];
  /** Set with 'load-running': the districts a load is writing into at this moment. */
  loadingDistricts?: LoadingDistrict[];
}

export type LoadingDistrict = { code: string; nameTh: string; nameEn: string };

/** A refused workflow action; the HTTP layer turns it into a problem (404, 403, 409, 422). */
export class WorkflowError extends Error {
  constructor(
    readonly kind: WorkflowErrorKind,
    readonly info: WorkflowErrorInfo,
  ) {
    super(`${info.action}: ${kind}`);
    this.name = 'WorkflowError';
  }
}
