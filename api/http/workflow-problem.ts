import {
  ACTION_LABELS,
  DISTRICT_ROUND_STATE_LABELS,
  PROVINCE_ROUND_STATE_LABELS,
  type DistrictRoundState,
  type ProvinceRoundState,
} from '../../domain/round-state.ts';
import type { WorkflowError } from '../workflow/workflow-error.ts';
import { problem, type ProblemError } from './problem.ts';
import { fieldIssue, forbidden, notFound } from './standard-problems.ts';

function stateLabel(state: string | undefined): { en: string; th: string } {
  if (!state) return { en: 'unknown', th: 'ไม่ทราบ' };
  return (
    DISTRICT_ROUND_STATE_LABELS[state as DistrictRoundState] ?? PROVINCE_ROUND_STATE_LABELS[state as ProvinceRoundState] ?? { en: state, th: state }
  );
}

/** A refused workflow action as an HTTP problem; a 409 always carries the current state. */
export function workflowProblem(err: WorkflowError): ProblemError {
  const { action, currentState, provinceState, version, expectedVersion, missingDistricts } = err.info;
  const label = ACTION_LABELS[action];
  switch (err.kind) {
    case 'not-found':
      return notFound();
    case 'forbidden':
      return forbidden();
    case 'conflict': {
      const state = stateLabel(currentState);
      const state2 = { action, currentState, provinceState, version };
      if (expectedVersion !== undefined) {
        return problem(
          409,
          'version-conflict',
          { en: 'Someone else changed this round meanwhile', th: 'มีผู้อื่นเปลี่ยนสถานะของรอบนี้ไปแล้ว' },
          {
            detail: `Expected version ${expectedVersion}, current version is ${version}; reload and try again.`,
            detailTh: `สถานะปัจจุบันคือ "${state.th}" กรุณาโหลดข้อมูลใหม่แล้วลองอีกครั้ง`,
            ...state2,
          },
        );
      }
      const announced = provinceState === 'announced' && action !== 'report' && action !== 'announce';
      return problem(
        409,
        announced ? 'round-announced' : 'invalid-transition',
        announced
          ? { en: 'The department has announced this round: it is locked', th: 'กรมฯ ประกาศรับรองผลรอบนี้แล้ว จึงแก้ไขไม่ได้' }
          : { en: 'This action is not allowed in the current state', th: 'ไม่สามารถดำเนินการนี้ได้ในสถานะปัจจุบัน' },
        {
          detail: `Cannot ${label.en.toLowerCase()} while the state is "${state.en}".`,
          detailTh: `ไม่สามารถ${label.th}ได้ เนื่องจากสถานะปัจจุบันคือ "${state.th}"`,
          ...state2,
        },
      );
    }
    case 'reason-required':
      return problem(
        422,
        'reason-required',
        { en: 'A reason is required', th: 'กรุณาระบุเหตุผล' },
        {
          issues: [fieldIssue('reason', 'missing-value', { en: `${label.en} needs a reason`, th: `การ${label.th}ต้องระบุเหตุผล` })],
          currentState,
          version,
          ...(missingDistricts ? { missingDistricts } : {}),
        },
      );
    case 'load-running': {
      const loading = err.info.loadingDistricts ?? [];
      const th = loading.map((d) => `${d.code} ${d.nameTh}`).join(', ');
      const en = loading.map((d) => `${d.code} ${d.nameEn}`).join(', ');
      return problem(
        409,
        'load-running',
        action === 'report' || action === 'announce'
          ? { en: "A file is being loaded into one of this province's districts", th: 'กำลังนำเข้าไฟล์ข้อมูลของอำเภอในจังหวัดนี้อยู่' }
          : { en: 'A file is being loaded into this district', th: 'กำลังนำเข้าไฟล์ข้อมูลของอำเภอนี้อยู่' },
        {
          detail: `Cannot ${label.en.toLowerCase()} while a file is being loaded into district ${en}; wait for the upload to finish, check its rows, then try again.`,
          detailTh: `ไม่สามารถ${label.th}ได้ ขณะกำลังนำเข้าไฟล์ข้อมูลของอำเภอ ${th} กรุณารอให้นำเข้าเสร็จ ตรวจสอบข้อมูล แล้วลองอีกครั้ง`,
          action,
          currentState,
          ...(provinceState ? { provinceState } : {}),
          version,
          loadingDistricts: loading,
        },
      );
    }
    case 'reason-incomplete': {
      const names = (missingDistricts ?? []).map((d) => `${d.code} ${d.nameTh}`).join(', ');
      const namesEn = (missingDistricts ?? []).map((d) => `${d.code} ${d.nameEn}`).join(', ');
      return problem(
        422,
        'reason-incomplete',
        { en: 'The reason must name every district not yet certified', th: 'เหตุผลต้องระบุอำเภอที่ยังไม่ได้รับรองทุกอำเภอ' },
        {
          issues: [
            fieldIssue('reason', 'missing-value', {
              en: `Name the districts not yet certified: ${namesEn}`,
              th: `กรุณาระบุอำเภอที่ยังไม่ได้รับรอง: ${names}`,
            }),
          ],
          currentState,
          version,
          missingDistricts,
        },
      );
    }
  }
}
