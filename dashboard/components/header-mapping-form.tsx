import { useState } from 'preact/hooks';
import { REGISTRATION_COLUMNS, type ColumnKey } from '../../domain/columns.ts';
import type { SubmissionReport } from '../api/types.ts';
import { useApp } from '../app-context.ts';
import { formatPercent } from '../format/format-number.ts';
import { label } from '../i18n/messages.ts';

export type HeaderStep = NonNullable<SubmissionReport['headerMapping']>;
type StepColumn = HeaderStep['columns'][number];

/** The mapping sent with the upload: title as in the file → column key, or null to leave it out. */
export type UploadMapping = Record<string, ColumnKey | null>;

/** Columns a person maps: those not recognised by name (unknown, duplicate) or mapped by a person before. */
export function mappableColumns(step: HeaderStep): StepColumn[] {
  return step.columns.filter((c) => c.via === 'explicit' || c.via === 'remembered' || c.ignored === 'unknown' || c.ignored === 'duplicate' || c.ignored === 'chosen');
}

/** The starting choice per column: what it is mapped to now, else its first candidate no other title holds. */
function initialChoices(step: HeaderStep): Record<number, ColumnKey | ''> {
  const held = new Set(step.columns.filter((c) => c.key && c.via !== 'explicit' && c.via !== 'remembered').map((c) => c.key!));
  const out: Record<number, ColumnKey | ''> = {};
  for (const c of mappableColumns(step)) {
    if (c.key) out[c.index] = c.key;
    else {
      const first = c.candidates.find((k) => !held.has(k.key));
      out[c.index] = first ? first.key : '';
      if (first) held.add(first.key);
    }
  }
  return out;
}

/**
 * The mapping screen: one drop-down per title the system was not sure of (candidates first,
 * with their confidence, then every other column; required columns marked), the values the
 * file holds in that column, the titles already recognised, and the required columns still
 * unchosen. Confirm hands the mapping to the page, which checks the file again with it.
 */
export function HeaderMappingForm({ step, onConfirm, onCancel }: { step: HeaderStep; onConfirm: (m: UploadMapping) => void; onCancel: () => void }) {
  const { t, lang, locale } = useApp();
  const [choices, setChoices] = useState<Record<number, ColumnKey | ''>>(() => initialChoices(step));
  const rows = mappableColumns(step);
  const recognised = step.columns.filter((c) => c.key && c.via !== 'explicit' && c.via !== 'remembered');
  const chosen = new Set<ColumnKey>([...recognised.map((c) => c.key!), ...Object.values(choices).filter((k): k is ColumnKey => k !== '')]);
  const missing = REGISTRATION_COLUMNS.filter((c) => c.required && !chosen.has(c.key));
  const name = (key: ColumnKey) => {
    const spec = REGISTRATION_COLUMNS.find((c) => c.key === key)!;
    return `${label(lang, spec)}${spec.required ? ' *' : ''}`;
  };
  return (
    <form
      class="card stack header-mapping"
      data-testid="header-mapping"
      aria-labelledby="header-mapping-title"
      onSubmit={(e) => {
        e.preventDefault();
        const mapping: UploadMapping = {};
        for (const c of rows) mapping[c.header] = choices[c.index] || null;
        onConfirm(mapping);
      }}
    >
      <h2 id="header-mapping-title">{t.upload.mappingTitle}</h2>
      <p class="muted">{t.upload.mappingIntro}</p>
      <table class="data">
        <thead>
          <tr>
            <th scope="col">{t.upload.mappingHeader}</th>
            <th scope="col">{t.upload.mappingColumn}</th>
            <th scope="col">{t.upload.mappingSamples}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => {
            const candidateKeys = new Set(c.candidates.map((k) => k.key));
            const id = `map-${c.index}`;
            return (
              <tr key={c.index} data-header={c.header}>
                <th scope="row">
                  <label for={id}>
                    {c.letter}: {c.header}
                  </label>
                </th>
                <td>
                  <select
                    id={id}
                    value={choices[c.index] ?? ''}
                    onChange={(e) => setChoices({ ...choices, [c.index]: e.currentTarget.value as ColumnKey | '' })}
                  >
                    {c.candidates.length > 0 && (
                      <optgroup label={t.upload.mappingCandidates}>
                        {c.candidates.map((k) => (
                          <option key={k.key} value={k.key}>
                            {name(k.key)} ({t.upload.mappingSure(formatPercent(k.confidence, locale))})
                          </option>
                        ))}
                      </optgroup>
                    )}
                    <optgroup label={t.upload.mappingAll}>
                      {REGISTRATION_COLUMNS.filter((s) => !candidateKeys.has(s.key)).map((s) => (
                        <option key={s.key} value={s.key}>
                          {name(s.key)}
                        </option>
                      ))}
                    </optgroup>
                    <option value="">{t.upload.mappingLeaveOut}</option>
                  </select>
                </td>
                <td class="samples">{(c.samples ?? []).join(' · ')}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {recognised.length > 0 && (
        <p class="muted" data-testid="mapping-recognised">
          {t.upload.mappingRecognised}: {recognised.map((c) => `${c.header} → ${name(c.key!)}`).join(', ')}
        </p>
      )}
      <p class="muted">{t.upload.mappingRequired}</p>
      {missing.length > 0 && (
        <p class="field-error" role="status" data-testid="mapping-missing">
          {t.upload.mappingMissing(missing.map((c) => label(lang, c)).join(', '))}
        </p>
      )}
      <div class="button-row">
        <button type="submit" class="primary" disabled={missing.length > 0} data-testid="mapping-confirm">
          {t.upload.mappingConfirm}
        </button>
        <button type="button" onClick={onCancel}>
          {t.upload.mappingCancel}
        </button>
      </div>
    </form>
  );
}
