import type { DocumentRefusal } from '../reports/documents/document-refusal.ts';
import { problem, type ProblemError } from './problem.ts';

/** A refused document as an HTTP problem: 409, what was asked, where, and why not. */
export function documentProblem(err: DocumentRefusal): ProblemError {
  const { provinceCode, roundCode, document } = err.info;
  switch (err.kind) {
    case 'nothing-certified':
      return problem(
        409,
        'nothing-certified',
        { en: 'Nothing is certified: there is no certification to announce', th: 'ยังไม่มีข้อมูลที่ได้รับการรับรอง จึงออกประกาศรับรองไม่ได้' },
        {
          detail: `No district of province ${provinceCode} is certified for round ${roundCode}; the certification announcement would certify nothing. Certify at least one district first.`,
          detailTh: `ยังไม่มีอำเภอใดของจังหวัด ${provinceCode} ได้รับการรับรองข้อมูลในรอบ ${roundCode} ประกาศรับรองจึงไม่มีสิ่งใดให้รับรอง กรุณารับรองข้อมูลอย่างน้อยหนึ่งอำเภอก่อน`,
          document,
          provinceCode,
          roundCode,
        },
      );
  }
}
