import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import type { Db } from '../../../db/create-db.ts';
import { accountRegistryDocument } from '../../../dashboard/reports/account-registry-document.ts';
import { certificationDocument } from '../../../dashboard/reports/certification-document.ts';
import { coveringLetterDocument } from '../../../dashboard/reports/covering-letter-document.ts';
import { formText, type FormDigits } from '../../../dashboard/reports/form-text.ts';
import { PLAN_TITLE, planDocument } from '../../../dashboard/reports/plan-document.ts';
import { REPORT_FORM_TITLE, reportFormDocument } from '../../../dashboard/reports/report-form-document.ts';
import { summaryDocument } from '../../../dashboard/reports/summary-document.ts';
import { bangkokDate } from '../../../domain/timeliness.ts';
import { scopedFilter, type DataScope } from '../../auth/scope.ts';
import { DATA_ROLES, type SessionUser, type UserRole } from '../../auth/session-user.ts';
import { fieldIssue, forbidden, invalidRequest, notFound } from '../../http/standard-problems.ts';
import { areaNames } from '../../queries/area-names.ts';
import { provinceLetterhead } from '../../queries/province-letterhead.ts';
import { chartContent } from '../chart-svg.ts';
import { accountRegistryData } from './account-registry-data.ts';
import { certificationData } from './certification-data.ts';
import { planData } from './plan-data.ts';
import { reportFormData } from './report-form-data.ts';
import { reportPeriod } from './report-period.ts';
import { summaryData } from './summary-data.ts';

export const REPORT_SLUGS = ['plan', 'report-form', 'certification', 'accounts', 'summary', 'letter'] as const;
export type ReportSlug = (typeof REPORT_SLUGS)[number];

export interface ReportParams {
  fiscalYear?: number | undefined;
  roundCode?: string | undefined;
  provinceCode?: string | undefined;
  districtCode?: string | undefined;
  /** National report form: one row per province (default) or every district. */
  detail?: 'province' | 'district' | undefined;
  /** Thai digits (default, as official forms are printed) or ASCII digits. */
  digits?: FormDigits | undefined;
}

/**
 * Who may ask for each document. Province documents (the announcement and the covering
 * letter) are the province's and the department's; the account registry is for whoever
 * manages accounts (admin) or hands them out (province, department); everything else for
 * every role that reads registration data. Any other role: 403.
 */
export const REPORT_ROLES: Readonly<Record<ReportSlug, readonly UserRole[]>> = {
  plan: DATA_ROLES,
  'report-form': DATA_ROLES,
  summary: DATA_ROLES,
  certification: ['province', 'department', 'analyst'],
  letter: ['province', 'department', 'analyst'],
  accounts: ['admin', 'province', 'department'],
};

export interface ReportDocument {
  slug: ReportSlug;
  doc: TDocumentDefinitions;
  /** ASCII file name for Content-Disposition: 'report-form-38-2561-Q1.pdf'. */
  fileName: string;
  digits: FormDigits;
}

function provinceRequired(scope: DataScope): string {
  if (scope.provinceCode) return scope.provinceCode;
  throw invalidRequest([fieldIssue('province', 'missing-value', { en: 'province is required for this document', th: 'เอกสารนี้ต้องระบุจังหวัด' })]);
}

/** The account registry's scope: admin and the department see every account, a province its own. */
async function accountScope(db: Db, user: SessionUser, params: ReportParams): Promise<DataScope> {
  if (user.role !== 'admin') return scopedFilter(db, user, { provinceCode: params.provinceCode, districtCode: params.districtCode });
  const codes = [params.provinceCode, params.districtCode].filter((c): c is string => c !== undefined);
  const known = await areaNames(db, codes);
  if (codes.some((c) => !known.has(c))) throw notFound();
  if (params.districtCode && params.provinceCode && !params.districtCode.startsWith(params.provinceCode)) throw notFound();
  return { ...(params.provinceCode ? { provinceCode: params.provinceCode } : {}), ...(params.districtCode ? { districtCode: params.districtCode } : {}) };
}

const scopeCode = (scope: DataScope) => scope.districtCode ?? scope.provinceCode ?? 'TH';

/**
 * Loads and builds one report document for a caller: checks the role (403) and the scope
 * (404 outside it, exactly as for an area that does not exist, via scopedFilter), reads the
 * data through the query files, and returns the pdfmake definition. Charts are drawn by the
 * server-side ECharts renderer.
 */
export async function reportDocument(db: Db, slug: ReportSlug, params: ReportParams, user: SessionUser, now: Date): Promise<ReportDocument> {
  if (!REPORT_ROLES[slug].includes(user.role)) throw forbidden();
  const digits: FormDigits = params.digits ?? 'thai';
  const opts = { digits };

  if (slug === 'accounts') {
    const scope = await accountScope(db, user, params);
    return { slug, doc: accountRegistryDocument(await accountRegistryData(db, scope, now), opts), fileName: `accounts-${scopeCode(scope)}.pdf`, digits };
  }

  const scope = await scopedFilter(db, user, { provinceCode: params.provinceCode, districtCode: params.districtCode });
  switch (slug) {
    case 'plan': {
      const period = await reportPeriod(db, params, now, 'none');
      return { slug, doc: planDocument(planData(period), opts), fileName: `plan-${period.fiscalYear}.pdf`, digits };
    }
    case 'report-form': {
      const period = await reportPeriod(db, params, now, 'none');
      const data = await reportFormData(db, scope, period, { detail: params.detail }, now);
      const which = period.round?.code ?? String(period.fiscalYear);
      const detail = !scope.provinceCode && params.detail === 'district' ? '-districts' : '';
      return { slug, doc: reportFormDocument(data, opts), fileName: `report-form-${scopeCode(scope)}${detail}-${which}.pdf`, digits };
    }
    case 'summary': {
      const period = await reportPeriod(db, { fiscalYear: params.fiscalYear, roundCode: params.roundCode }, now, 'none');
      const data = await summaryData(db, scope, period, now);
      return { slug, doc: summaryDocument(data, chartContent, opts), fileName: `summary-${scopeCode(scope)}-${period.fiscalYear}.pdf`, digits };
    }
    case 'certification': {
      const province = provinceRequired(scope);
      const period = await reportPeriod(db, params, now, 'certifying');
      const round = period.round!;
      const data = await certificationData(db, province, round, now);
      return { slug, doc: certificationDocument(data, opts), fileName: `certification-${province}-${round.code}.pdf`, digits };
    }
    case 'letter': {
      const province = provinceRequired(scope);
      const period = await reportPeriod(db, params, now, 'current');
      const round = period.round!;
      const head = await provinceLetterhead(db, province);
      if (!head) throw notFound();
      const form = await reportFormData(db, { provinceCode: province }, { ...period, round }, {}, now);
      const window = (step: 1 | 2) => round.windows.find((w) => w.step === step) ?? null;
      const letter = coveringLetterDocument(
        {
          provinceCode: head.code,
          provinceNameTh: head.nameTh,
          capitalDistrictNameTh: head.capitalDistrictNameTh,
          postalCode: head.postalCode,
          fiscalYear: period.fiscalYear,
          quarter: round.quarter,
          date: bangkokDate(now),
          registration: window(1),
          certification: window(2),
        },
        [
          { title: `${PLAN_TITLE} ปีงบประมาณ พ.ศ. ${formText(digits).year(period.fiscalYear)}`, unit: 'ฉบับ', document: planDocument(planData(period), opts) },
          { title: REPORT_FORM_TITLE, unit: 'ชุด', document: reportFormDocument(form, opts) },
        ],
        opts,
      );
      return { slug, doc: letter, fileName: `letter-${province}-${round.code}.pdf`, digits };
    }
  }
}

