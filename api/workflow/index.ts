// The workflow commands: the only code that changes a round's state. Each runs in one
// transaction and writes one audit row; the CLI, the seed and the HTTP routes all use these.
export {
  transitionDistrictRound,
  submitDistrictRound,
  certifyDistrictRound,
  returnDistrictRound,
  reopenDistrictRound,
  cleanReason,
  type DistrictTransition,
  type DistrictTransitionInput,
} from './transition-district-round.ts';
export {
  transitionProvinceRound,
  reportProvinceRound,
  announceProvinceRound,
  reasonNamesDistrict,
  type ProvinceTransition,
  type ProvinceTransitionInput,
} from './transition-province-round.ts';
export { ACTION_STEP, stepTimeliness, type StepWindow } from './step-timeliness.ts';
export { WorkflowError, type WorkflowErrorKind, type WorkflowErrorInfo, type MissingDistrict } from './workflow-error.ts';
export type { WorkflowActor } from './workflow-actor.ts';
