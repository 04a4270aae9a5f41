import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import type { Db } from '../../../db/create-db.ts';
import type { ISSUED_DOCUMENT_KINDS } from '../../../db/schema/issued-documents.ts';
import { accountRegistryDocument } from '../../../reports/forms/account-registry-document.ts';
import { certificationDocument } from '../../../reports/forms/certification-document.ts';
import type { FormDigits } from '../../../reports/forms/form-text.ts';
import { departmentAnnouncementDocument } from '../../../reports/forms/department-announcement-document.ts';
import { planCheckDocument } from '../../../reports/forms/plan-check-document.ts';
import { planDocument } from '../../../reports/forms/plan-document.ts';
import { reportFormDocument } from '../../../reports/forms/report-form-document.ts';
import { summaryDocument } from '../../../reports/forms/summary-document.ts';
import { scopedFilter, type DataScope } from '../../auth/scope.ts';
import { DATA_ROLES, type SessionUser, type UserRole } from '../../auth/session-user.ts';
import { DomainError, fieldIssue } from '../../domain-error.ts';
import { areaNames } from '../../queries/area-names.ts';
import type { PlaceNameScope } from '../../queries/place-names.ts';
import type { PlannedRound } from '../../queries/round-plan.ts';
import { chartContent } from '../../../reports/typeset/chart-svg.ts';
import { areaMapContent } from '../../../reports/typeset/area-map-svg.ts';
import { accountRegistryData } from './account-registry-data.ts';
import { certificationData } from './certification-data.ts';
import { planCheckData } from './plan-check-data.ts';
import { letterParts } from './letter-parts.ts';
import { planData } from './plan-data.ts';
import { departmentAnnouncementData } from './department-announcement-data.ts';
import { reportFormData } from './report-form-data.ts';
import { reportPeriod, type ReportPeriod } from './report-period.ts';
import { summaryData } from './summary-data.ts';

export const REPORT_SLUGS = ['plan', 'plan-check', 'report-form', 'certification', 'announcement', 'accounts', 'summary', 'letter'] as const;
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
  'plan-check': DATA_ROLES,
  'report-form': DATA_ROLES,
  summary: DATA_ROLES,
  certification: ['province', 'department', 'analyst'],
  announcement: DATA_ROLES,
  letter: ['province', 'department', 'analyst'],
  accounts: ['admin', 'province', 'department'],
};

export interface ReportDocument {
  slug: ReportSlug;
  doc: TDocumentDefinitions;
  /** ASCII file name for Content-Disposition: 'report-form-38-2561-Q1.pdf'. */
  fileName: string;
  digits: FormDigits;
  /** Set when this is a document a workflow act issues (a province's round documents), else null. */
  issuable: IssuedDocumentKey | null;
  /** Whose place names the line breaker keeps whole (renderReportPdf). */
  placeScope: PlaceNameScope;
}

/** The documents the report and announce acts issue: a province's certification and report form of the round. */
export type IssuedKind = (typeof ISSUED_DOCUMENT_KINDS)[number];

/** Which issued document a request is for. */
export interface IssuedDocumentKey {
  kind: IssuedKind;
  provinceCode: string;
  roundCode: string;
}

/**
 * A document request after its role, scope and period checks, before any data is read for it:
 * what it is (and whether an act issues it) is known, and `build` reads the data and builds
 * the pdfmake definition. The report route looks for an issued copy in between.
 */
export interface ReportRequest {
  slug: ReportSlug;
  fileName: string;
  digits: FormDigits;
  issuable: IssuedDocumentKey | null;
  /** Whose place names the line breaker keeps whole: the document's province, or the nation. */
  placeScope: PlaceNameScope;
  build(): Promise<TDocumentDefinitions>;
}

function provinceRequired(scope: DataScope): string {
  if (scope.provinceCode) return scope.provinceCode;
  throw DomainError.invalid([fieldIssue('province', 'missing-value', { en: 'province is required for this document', th: 'เอกสารนี้ต้องระบุจังหวัด' })]);
}

/** The account registry's scope: admin and the department see every account, a province its own. */
async function accountScope(db: Db, user: SessionUser, params: ReportParams): Promise<DataScope> {
  if (user.role !== 'admin') return scopedFilter(db, user, { provinceCode: params.provinceCode, districtCode: params.districtCode });
  const codes = [params.provinceCode, params.districtCode].filter((c): c is string => c !== undefined);
  const known = await areaNames(db, codes);
  if (codes.some((c) => !known.has(c))) throw DomainError.notFound();
  if (params.districtCode && params.provinceCode && !params.districtCode.startsWith(params.provinceCode)) throw DomainError.notFound();
  return { ...(params.provinceCode ? { provinceCode: params.provinceCode } : {}), ...(params.districtCode ? { districtCode: params.districtCode } : {}) };
}

const scopeCode = (scope: DataScope) => scope.districtCode ?? scope.provinceCode ?? 'TH';

/** The place names a document of an issued kind can print: the announcement is national. */
export function issuedPlaceScope(key: IssuedDocumentKey): PlaceNameScope {
  return key.kind === 'announcement' ? {} : { provinceCode: key.provinceCode };
}

/** The file name of a province's round document, issued or not. */
export function issuedFileName(key: IssuedDocumentKey): string {
  if (key.kind === 'announcement') return `announcement-${key.roundCode}.pdf`;
  return `${key.kind}-${key.provinceCode}-${key.roundCode}.pdf`;
}

/**
 * A province's certification or report form of one round, built from the data as it stands
 * at `now`: the one code path both the report route and the act that issues the document
 * (api/workflow/issue-documents.ts, inside its transaction) go through.
 */
export async function provinceRoundDocument(
  db: Db,
  kind: IssuedKind,
  provinceCode: string,
  period: ReportPeriod & { round: PlannedRound },
  now: Date,
  digits: FormDigits,
): Promise<TDocumentDefinitions> {
  const opts = { digits };
  if (kind === 'announcement') return departmentAnnouncementDocument(await departmentAnnouncementData(db, period.round, now), opts);
  if (kind === 'certification') return certificationDocument(await certificationData(db, provinceCode, period.round, now), opts);
  return reportFormDocument(await reportFormData(db, { provinceCode }, period, {}, now), opts);
}

/**
 * Checks and resolves one report request for a caller: the role (403) and the scope (404
 * outside it, exactly as for an area that does not exist, via scopedFilter) and the period.
 * Reading the document's data waits for `build`.
 */
/** The province and round of a covering letter for a caller: the role (403), the scope (404) and the period checked. */
export async function letterTarget(db: Db, params: ReportParams, user: SessionUser, now: Date): Promise<{ provinceCode: string; period: ReportPeriod & { round: PlannedRound } }> {
  if (!REPORT_ROLES.letter.includes(user.role)) throw DomainError.forbidden();
  const scope = await scopedFilter(db, user, { provinceCode: params.provinceCode, districtCode: params.districtCode });
  const provinceCode = provinceRequired(scope);
  const period = await reportPeriod(db, params, now, 'current');
  return { provinceCode, period: { ...period, round: period.round! } };
}

export async function reportRequest(db: Db, slug: ReportSlug, params: ReportParams, user: SessionUser, now: Date): Promise<ReportRequest> {
  if (!REPORT_ROLES[slug].includes(user.role)) throw DomainError.forbidden();
  const digits: FormDigits = params.digits ?? 'thai';
  const opts = { digits };
  let placeScope: PlaceNameScope = {};
  const request = (fileName: string, build: () => Promise<TDocumentDefinitions>, issuable: IssuedDocumentKey | null = null): ReportRequest => ({
    slug,
    fileName,
    digits,
    issuable,
    placeScope: issuable ? issuedPlaceScope(issuable) : placeScope,
    build,
  });

  if (slug === 'accounts') {
    const scope = await accountScope(db, user, params);
    placeScope = { provinceCode: scope.provinceCode ?? scope.districtCode?.slice(0, 2) };
    return request(`accounts-${scopeCode(scope)}.pdf`, async () => accountRegistryDocument(await accountRegistryData(db, scope, now), opts));
  }

  const scope = await scopedFilter(db, user, { provinceCode: params.provinceCode, districtCode: params.districtCode });
  placeScope = { provinceCode: scope.provinceCode ?? scope.districtCode?.slice(0, 2) };
  switch (slug) {
    case 'plan': {
      const period = await reportPeriod(db, params, now, 'none');
      return request(`plan-${period.fiscalYear}.pdf`, async () => planDocument(planData(period), opts));
    }
    case 'plan-check': {
      const period = await reportPeriod(db, params, now, 'none');
      return request(`plan-check-${period.fiscalYear}.pdf`, async () => planCheckDocument(planCheckData(period, now), opts));
    }
    case 'report-form': {
      const period = await reportPeriod(db, params, now, 'none');
      const round = period.round;
      if (round && scope.provinceCode && !scope.districtCode) {
        const key: IssuedDocumentKey = { kind: 'report-form', provinceCode: scope.provinceCode, roundCode: round.code };
        return request(issuedFileName(key), () => provinceRoundDocument(db, 'report-form', key.provinceCode, { ...period, round }, now, digits), key);
      }
      const which = round?.code ?? String(period.fiscalYear);
      const detail = !scope.provinceCode && params.detail === 'district' ? '-districts' : '';
      return request(`report-form-${scopeCode(scope)}${detail}-${which}.pdf`, async () =>
        reportFormDocument(await reportFormData(db, scope, period, { detail: params.detail }, now), opts),
      );
    }
    case 'summary': {
      const period = await reportPeriod(db, { fiscalYear: params.fiscalYear, roundCode: params.roundCode }, now, 'none');
      return request(`summary-${scopeCode(scope)}-${period.fiscalYear}.pdf`, async () =>
        summaryDocument(await summaryData(db, scope, period, now), chartContent, { ...opts, drawMap: areaMapContent }),
      );
    }
    case 'certification': {
      const province = provinceRequired(scope);
      const period = await reportPeriod(db, params, now, 'certifying');
      const round = period.round!;
      const key: IssuedDocumentKey = { kind: 'certification', provinceCode: province, roundCode: round.code };
      return request(issuedFileName(key), () => provinceRoundDocument(db, 'certification', province, { ...period, round }, now, digits), key);
    }
    case 'announcement': {
      // The department's national paper of a round: the copy the latest announce act issued, else a draft.
      const period = await reportPeriod(db, params, now, 'certifying');
      const round = period.round!;
      const key: IssuedDocumentKey = { kind: 'announcement', provinceCode: '', roundCode: round.code };
      return request(`announcement-${round.code}.pdf`, () => provinceRoundDocument(db, 'announcement', '', { ...period, round }, now, digits), key);
    }
    case 'letter': {
      const province = provinceRequired(scope);
      const period = await reportPeriod(db, params, now, 'current');
      const round = period.round!;
      // The letter alone, numbered from its own first page; the enclosures come with it in letter.zip.
      return request(`letter-${province}-${round.code}.pdf`, async () => (await letterParts(db, province, { ...period, round }, now, digits)).letter.doc);
    }
  }
}

/**
 * Loads and builds one report document for a caller (see reportRequest for the checks), and
 * returns the pdfmake definition as the data stands now. Charts are drawn by the server-side
 * ECharts renderer.
 */
export async function reportDocument(db: Db, slug: ReportSlug, params: ReportParams, user: SessionUser, now: Date): Promise<ReportDocument> {
  const r = await reportRequest(db, slug, params, user, now);
  return { slug, doc: await r.build(), fileName: r.fileName, digits: r.digits, issuable: r.issuable, placeScope: r.placeScope };
}
