import { useState } from 'preact/hooks';
import { ApiError } from '../api/client.ts';
import type { ProgressResult, SubmissionReport } from '../api/types.ts';
import { useApp } from '../app-context.ts';
import { Link } from '../components/link.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { ErrorState, Loading, ProblemMessage } from '../components/status.tsx';
import { HeaderMappingForm, type HeaderStep, type UploadMapping } from '../components/header-mapping-form.tsx';
import { label } from '../i18n/messages.ts';
import { REGISTRATION_COLUMNS, type ColumnKey } from '../../domain/columns.ts';
import { SubmissionReportView } from '../components/submission-report-view.tsx';
import { formatPercent } from '../format/format-number.ts';
import { roundFocus } from '../model/current-round.ts';
import { todayIso } from '../model/today.ts';
import { useLocation } from '../router.ts';
import { formatQuery, parseQuery } from '../url-state.ts';
import { useFiscalYears } from '../use-fiscal-years.ts';
import { useResource } from '../use-resource.ts';

type Phase = { kind: 'idle' } | { kind: 'uploading'; fraction: number; dryRun: boolean } | { kind: 'processing'; dryRun: boolean };

/** Upload a district file: check it (dry run), read the issues, then commit the valid rows. */
export function UploadPage() {
  const { api, t, lang, me, locale } = useApp();
  const loc = useLocation();
  const q = parseQuery(loc.search);
  const { fy, ready } = useFiscalYears(q.fy);
  const scopeDistrict = me?.user.districtCode ?? null;
  const scopeProvince = me?.user.provinceCode ?? null;
  const progress = useResource(ready ? `/api/progress?fy=${fy}&scope=${scopeDistrict ?? scopeProvince}` : null, (signal) =>
    api.get<ProgressResult>('/api/progress', { fy, district: scopeDistrict, province: scopeDistrict ? null : scopeProvince }, signal),
  );
  const [district, setDistrict] = useState<string | null>(q.district ?? scopeDistrict);
  const [roundCode, setRoundCode] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [report, setReport] = useState<SubmissionReport | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [missingFile, setMissingFile] = useState(false);
  // The mapping of the file's titles the user confirmed (sent with every check and the load),
  // and the header step shown on the mapping screen while the user maps.
  const [mapping, setMapping] = useState<UploadMapping | null>(null);
  const [mappingStep, setMappingStep] = useState<HeaderStep | null>(null);

  if (progress.error) return <ErrorState error={progress.error} onRetry={progress.reload} />;
  if (!progress.data) return <Loading />;
  const p = progress.data;
  const districts = p.districts;
  const chosenDistrict = district ?? districts[0]?.code ?? null;
  const focus = roundFocus(p.rounds, todayIso());
  const defaultRound = (q.q !== null ? p.rounds.find((r) => r.quarter === q.q)?.code : null) ?? focus.round?.code ?? p.rounds[0]?.code ?? null;
  const chosenRound = roundCode ?? defaultRound;

  const send = async (dryRun: boolean, withMapping: UploadMapping | null = mapping) => {
    if (!file) {
      setMissingFile(true);
      document.getElementById('upload-file')?.focus();
      return;
    }
    if (!chosenDistrict || !chosenRound) return;
    setMissingFile(false);
    setError(null);
    if (dryRun) setReport(null);
    const form = new FormData();
    form.set('file', file, file.name);
    form.set('district', chosenDistrict);
    form.set('round', chosenRound);
    form.set('dryRun', String(dryRun));
    if (withMapping) form.set('mapping', JSON.stringify(withMapping));
    setMappingStep(null);
    setPhase({ kind: 'uploading', fraction: 0, dryRun });
    try {
      const r = await api.upload<SubmissionReport>('/api/submissions', form, (fraction) =>
        setPhase(fraction >= 1 ? { kind: 'processing', dryRun } : { kind: 'uploading', fraction, dryRun }),
      );
      setReport(r);
      if (dryRun && r.headerMapping?.needsMapping) setMappingStep(r.headerMapping);
    } catch (err) {
      setError(err instanceof ApiError ? err : null);
      // A file refused at its header: the answer carries the header step, to map on screen.
      const refused = err instanceof ApiError ? (err.problem as { report?: SubmissionReport }).report : undefined;
      if (refused?.headerMapping?.needsMapping) setMappingStep(refused.headerMapping);
    } finally {
      setPhase({ kind: 'idle' });
    }
  };

  const busy = phase.kind !== 'idle';
  const columnName = (key: ColumnKey) => label(lang, REGISTRATION_COLUMNS.find((c) => c.key === key)!);
  const canCommit = report?.dryRun === true && report.accepted.total > 0;
  return (
    <section class="upload">
      <PageHeading title={t.upload.title} />
      <p class="muted">{t.upload.intro}</p>
      <p class="templates">
        <span>{t.upload.templates}:</span> <a href="/api/templates/registration.xlsx" download>{t.upload.templateXlsx}</a>{' '}
        <a href="/api/templates/registration.csv" download>{t.upload.templateCsv}</a>
      </p>
      <form
        class="card stack"
        onSubmit={(e) => {
          e.preventDefault();
          void send(true);
        }}
      >
        <div class="row">
          <div class="field inline">
            <label for="upload-district">{t.upload.district}</label>
            <select id="upload-district" value={chosenDistrict ?? ''} disabled={districts.length <= 1} onChange={(e) => setDistrict(e.currentTarget.value)}>
              {districts.map((d) => (
                <option key={d.code} value={d.code}>
                  {lang === 'en' ? d.nameEn : d.nameTh}
                </option>
              ))}
            </select>
          </div>
          <div class="field inline">
            <label for="upload-round">{t.upload.round}</label>
            <select id="upload-round" value={chosenRound ?? ''} onChange={(e) => setRoundCode(e.currentTarget.value)}>
              {p.rounds.map((r) => (
                <option key={r.code} value={r.code}>
                  {t.quarterShort(r.quarter)} {t.fiscalYearLabel(fy)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div class="field">
          <label for="upload-file">{t.upload.file}</label>
          <input
            id="upload-file"
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-invalid={missingFile}
            aria-describedby={missingFile ? 'upload-file-error' : undefined}
            onChange={(e) => {
              setFile(e.currentTarget.files?.[0] ?? null);
              setReport(null);
              setError(null);
              setMapping(null);
              setMappingStep(null);
            }}
          />
          {missingFile && (
            <p id="upload-file-error" class="field-error">
              {t.upload.chooseFile}
            </p>
          )}
        </div>
        <div class="button-row">
          <button type="submit" class="primary" disabled={busy}>
            {t.upload.check}
          </button>
          {canCommit && (
            <button type="button" class="primary" disabled={busy} onClick={() => void send(false)} data-testid="commit">
              {t.upload.commit}
            </button>
          )}
        </div>
        {phase.kind === 'uploading' && (
          <div class="progress" role="status">
            <label for="upload-progress">{t.upload.uploading(formatPercent(phase.fraction, locale))}</label>
            <progress id="upload-progress" max={1} value={phase.fraction} aria-label={t.upload.progress} />
          </div>
        )}
        {phase.kind === 'processing' && (
          <p class="state loading" role="status">
            <span class="spinner" aria-hidden="true" /> {t.upload.processing}
          </p>
        )}
      </form>
      {mappingStep && (
        <HeaderMappingForm
          key={mappingStep.signature}
          step={mappingStep}
          onCancel={() => setMappingStep(null)}
          onConfirm={(m) => {
            setMapping(m);
            void send(true, m);
          }}
        />
      )}
      {error && <ProblemMessage problem={error.problem} />}
      {report?.headerMapping && !mappingStep && (report.headerMapping.source !== 'recognised' || report.headerMapping.notices.length > 0) && (
        <div class="notice stack" data-testid="header-step" data-source={report.headerMapping.source}>
          {report.headerMapping.source !== 'recognised' && (
            <p>
              {report.headerMapping.source === 'remembered' ? t.upload.mappingRemembered : t.upload.mappingExplicit}:{' '}
              {report.headerMapping.columns
                .filter((c) => c.via === 'explicit' || c.via === 'remembered')
                .map((c) => `${c.header} → ${columnName(c.key!)}`)
                .join(', ')}{' '}
              {report.dryRun && (
                <button type="button" onClick={() => setMappingStep(report.headerMapping!)} data-testid="change-mapping">
                  {t.upload.mappingChange}
                </button>
              )}
            </p>
          )}
          {report.headerMapping.notices.map((n) => (
            <p key={n.en}>{label(lang, n)}</p>
          ))}
        </div>
      )}
      {report && <SubmissionReportView report={report} />}
      {report && !report.dryRun && chosenDistrict && (
        <p class="notice">
          {t.upload.submitNext}{' '}
          <Link href={`/district/${chosenDistrict}${formatQuery({ fy, q: p.rounds.find((r) => r.code === chosenRound)?.quarter as 1 | 2 | 3 | 4 | undefined })}`}>
            {t.nav.district}
          </Link>
        </p>
      )}
    </section>
  );
}
