import { useState } from 'preact/hooks';
import { PRODUCER_TYPES } from '../../domain/producer-types.ts';
import { PRODUCT_CATEGORIES } from '../../domain/product-categories.ts';
import { PRODUCT_STANDARDS } from '../../domain/product-standards.ts';
// The canonical columns are pure data (headers, help, required); the form shows the same
// labels and help as the import template, so a field and its file column read alike.
import { REGISTRATION_COLUMNS, type ColumnKey } from '../../domain/columns.ts';
import { ApiError } from '../api/client.ts';
import type { ProgressResult, SubmissionReport } from '../api/types.ts';
import { useApp } from '../app-context.ts';
import { IssueTable, type IssueLike } from '../components/issue-table.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { ErrorState, Loading, ProblemMessage } from '../components/status.tsx';
import { formatNumber } from '../format/format-number.ts';
import { label } from '../i18n/messages.ts';
import { roundFocus } from '../model/current-round.ts';
import { fieldIssues } from '../model/field-issues.ts';
import { ISSUE_CODES } from '../../domain/issue-codes.ts';
import { todayIso } from '../model/today.ts';
import { useLocation } from '../router.ts';
import { parseQuery } from '../url-state.ts';
import { useFiscalYears } from '../use-fiscal-years.ts';
import { useResource } from '../use-resource.ts';

type ProducerKey = Extract<ColumnKey, 'producer_name' | 'citizen_id' | 'producer_type' | 'contact_name' | 'phone' | 'members' | 'house_no' | 'village_no' | 'subdistrict'>;
const PRODUCER_FIELDS: ProducerKey[] = ['citizen_id', 'producer_type', 'producer_name', 'contact_name', 'phone', 'members', 'house_no', 'village_no', 'subdistrict'];
type ProductDraft = { product_name: string; category: string; standards: string[]; stars: string };
const emptyProduct = (): ProductDraft => ({ product_name: '', category: '', standards: [], stars: '' });
const spec = (key: ColumnKey) => REGISTRATION_COLUMNS.find((c) => c.key === key)!;

/** One producer with its products, checked by the same pipeline as a file; messages sit next to their fields. */
export function RegisterPage() {
  const { api, t, lang, locale, me } = useApp();
  const loc = useLocation();
  const q = parseQuery(loc.search);
  const { fy, ready } = useFiscalYears(q.fy);
  const district = q.district ?? me?.user.districtCode ?? null;
  const progress = useResource(district && ready ? `/api/progress?fy=${fy}&district=${district}` : null, (signal) =>
    api.get<ProgressResult>('/api/progress', { fy, district }, signal),
  );
  const [producer, setProducer] = useState<Record<ProducerKey, string>>(
    Object.fromEntries(PRODUCER_FIELDS.map((k) => [k, ''])) as Record<ProducerKey, string>,
  );
  const [products, setProducts] = useState<ProductDraft[]>([emptyProduct()]);
  const [issues, setIssues] = useState<IssueLike[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState<SubmissionReport | null>(null);
  const [busy, setBusy] = useState(false);

  if (!district) return <ErrorState error={new ApiError({ type: 'about:blank', status: 400, title: 'Choose a district', titleTh: 'กรุณาเลือกอำเภอ' })} />;
  if (progress.error) return <ErrorState error={progress.error} onRetry={progress.reload} />;
  if (!progress.data) return <Loading />;
  const p = progress.data;
  const round = (q.q !== null ? p.rounds.find((r) => r.quarter === q.q) : null) ?? roundFocus(p.rounds, todayIso()).round;
  const byField = fieldIssues(issues);
  const hasErrors = issues.some((i) => i.severity === 'error');

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setIssues([]);
    setError(null);
    setSaved(null);
    try {
      // The form is one producer over several product rows, keyed by the canonical columns.
      const body = {
        district,
        round: round?.code,
        dryRun: false,
        fields: Object.fromEntries(Object.entries(producer).filter(([, v]) => v.trim() !== '')),
        rows: products.map((x) => ({ product_name: x.product_name, category: x.category, standards: x.standards.join(', '), stars: x.stars })),
      };
      const report = await api.send<SubmissionReport>('POST', '/api/registrations', body);
      if (report.issues?.some((i) => i.severity === 'error')) setIssues((report.issues ?? []).map(asFormIssue));
      else {
        setSaved(report);
        setIssues((report.issues ?? []).map(asFormIssue));
      }
    } catch (err) {
      if (err instanceof ApiError) {
        setError(err);
        setIssues((err.problem.issues ?? []).map(asFormIssue));
      }
    } finally {
      setBusy(false);
      // Send the reader to the first message.
      requestAnimationFrame(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
    }
  };

  const fieldError = (key: string, row: number | null) => byField.get(`${row ?? ''}|${key}`) ?? [];
  const describe = (id: string, key: string, row: number | null) => {
    const errs = fieldError(key, row);
    return [`${id}-help`, errs.length ? `${id}-error` : null].filter(Boolean).join(' ');
  };
  const ErrorText = ({ id, keyName, row }: { id: string; keyName: string; row: number | null }) => {
    const errs = fieldError(keyName, row);
    return errs.length ? (
      <p id={`${id}-error`} class="field-error">
        {errs.map((i, n) => (
          <>
            {n > 0 ? ' · ' : ''}
            {label(lang, i.message)}
            {i.value ? (
              <>
                {' ('}
                <q data-digits="as-typed">{i.value}</q>)
              </>
            ) : null}
          </>
        ))}
      </p>
    ) : null;
  };

  return (
    <section class="register">
      <PageHeading title={t.register.title} />
      <p class="muted">
        {t.register.intro} — {lang === 'en' ? p.districts[0]?.nameEn : p.districts[0]?.nameTh}
        {round ? `, ${t.quarterShort(round.quarter)} ${t.fiscalYearLabel(fy)}` : ''}
      </p>
      <form class="card stack" onSubmit={submit} noValidate>
        <fieldset>
          <legend>{t.register.producer}</legend>
          <div class="grid-2">
            {PRODUCER_FIELDS.map((key) => {
              const s = spec(key);
              const id = `f-${key}`;
              const invalid = fieldError(key, null).length > 0;
              const common = {
                id,
                name: key,
                required: s.required,
                'aria-invalid': invalid,
                'aria-describedby': describe(id, key, null),
                value: producer[key],
                onInput: (e: Event) => setProducer({ ...producer, [key]: (e.currentTarget as HTMLInputElement).value }),
              };
              return (
                <div class="field" key={key}>
                  <label for={id}>
                    {lang === 'en' ? s.en : s.th}
                    {s.required && <span aria-hidden="true"> *</span>}
                  </label>
                  {key === 'producer_type' ? (
                    <select {...common} onChange={common.onInput}>
                      <option value="">{t.register.choose}</option>
                      {PRODUCER_TYPES.map((pt) => (
                        <option key={pt.code} value={pt.code}>
                          {label(lang, pt)}
                        </option>
                      ))}
                    </select>
                  ) : (
                    <input {...common} inputMode={key === 'citizen_id' || key === 'members' || key === 'village_no' ? 'numeric' : undefined} />
                  )}
                  <p id={`${id}-help`} class="hint">
                    {label(lang, s.help)}
                  </p>
                  <ErrorText id={id} keyName={key} row={null} />
                </div>
              );
            })}
          </div>
        </fieldset>
        {products.map((prod, i) => {
          const row = i + 1;
          const set = (patch: Partial<ProductDraft>) => setProducts(products.map((x, j) => (j === i ? { ...x, ...patch } : x)));
          const fid = (k: string) => `f-${k}-${row}`;
          return (
            <fieldset key={i}>
              <legend>{t.register.productN(formatNumber(row, locale))}</legend>
              <div class="grid-2">
                <div class="field">
                  <label for={fid('product_name')}>{lang === 'en' ? spec('product_name').en : spec('product_name').th} *</label>
                  <input id={fid('product_name')} required value={prod.product_name} aria-invalid={fieldError('product_name', row).length > 0} aria-describedby={describe(fid('product_name'), 'product_name', row)} onInput={(e) => set({ product_name: e.currentTarget.value })} />
                  <p id={`${fid('product_name')}-help`} class="hint">{label(lang, spec('product_name').help)}</p>
                  <ErrorText id={fid('product_name')} keyName="product_name" row={row} />
                </div>
                <div class="field">
                  <label for={fid('category')}>{lang === 'en' ? spec('category').en : spec('category').th} *</label>
                  <select id={fid('category')} required value={prod.category} aria-invalid={fieldError('category', row).length > 0} aria-describedby={describe(fid('category'), 'category', row)} onChange={(e) => set({ category: e.currentTarget.value })}>
                    <option value="">{t.register.choose}</option>
                    {PRODUCT_CATEGORIES.map((c) => (
                      <option key={c.code} value={c.code}>
                        {label(lang, c)}
                      </option>
                    ))}
                  </select>
                  <p id={`${fid('category')}-help`} class="hint">{label(lang, spec('category').help)}</p>
                  <ErrorText id={fid('category')} keyName="category" row={row} />
                </div>
                <fieldset class="checks" aria-describedby={fieldError('standards', row).length ? `${fid('standards')}-error` : undefined}>
                  <legend>{t.register.standards}</legend>
                  {PRODUCT_STANDARDS.map((s) => (
                    <label key={s.code} class="check">
                      <input
                        type="checkbox"
                        checked={prod.standards.includes(s.code)}
                        onChange={(e) => set({ standards: e.currentTarget.checked ? [...prod.standards, s.code] : prod.standards.filter((x) => x !== s.code) })}
                      />{' '}
                      {label(lang, s)}
                    </label>
                  ))}
                  <ErrorText id={fid('standards')} keyName="standards" row={row} />
                </fieldset>
                <div class="field">
                  <label for={fid('stars')}>{t.register.stars}</label>
                  <select id={fid('stars')} value={prod.stars} aria-invalid={fieldError('stars', row).length > 0} aria-describedby={describe(fid('stars'), 'stars', row)} onChange={(e) => set({ stars: e.currentTarget.value })}>
                    <option value="">–</option>
                    {[1, 2, 3, 4, 5].map((n) => (
                      <option key={n} value={String(n)}>
                        {'★'.repeat(n)} ({formatNumber(n, locale)})
                      </option>
                    ))}
                  </select>
                  <p id={`${fid('stars')}-help`} class="hint">{label(lang, spec('stars').help)}</p>
                  <ErrorText id={fid('stars')} keyName="stars" row={row} />
                </div>
              </div>
              {products.length > 1 && (
                <button type="button" class="secondary small" onClick={() => setProducts(products.filter((_, j) => j !== i))}>
                  {t.register.removeProduct}
                </button>
              )}
            </fieldset>
          );
        })}
        <div class="button-row">
          <button type="button" class="secondary" onClick={() => setProducts([...products, emptyProduct()])}>
            {t.register.addProduct}
          </button>
          <button type="submit" class="primary" disabled={busy}>
            {t.register.submit}
          </button>
        </div>
      </form>
      {error && <ProblemMessage problem={{ ...error.problem, issues: undefined }} />}
      {/* "Please correct" only while something must be corrected; after a save, warnings only. */}
      {issues.length > 0 && <IssueTable issues={issues} caption={hasErrors ? t.register.fixErrors : t.issues.title} />}
      {saved && (
        <p class="notice success" role="status">
          {t.register.saved}
        </p>
      )}
    </section>
  );
}

/**
 * The form leaves an empty field out of the request, and the pipeline calls a column nobody
 * sent "missing column" — a file's words. On the form it is an empty field.
 */
function asFormIssue<T extends { code?: string; message: { th: string; en: string } }>(issue: T): T {
  if (issue.code !== 'missing-column') return issue;
  const missing = ISSUE_CODES['missing-value'];
  return { ...issue, code: 'missing-value', message: { th: missing.th, en: missing.en } };
}
