import { REGISTRATION_COLUMNS } from '../../domain/columns.ts';

export interface FieldIssue {
  row: number | null;
  column: string | null;
  value: string | null;
  severity: 'error' | 'warning';
  message: { th: string; en: string };
}

const KEY_BY_HEADER = new Map<string, string>(
  REGISTRATION_COLUMNS.flatMap((c) => [
    [c.key, c.key],
    [c.th, c.key],
    [c.en, c.key],
  ]),
);

/**
 * Groups issues by the form field they belong to: 'row|column key'. A producer-level column
 * belongs to the producer (row ''), a product-level one to its product's row (1-based in the
 * form, as the API reports it). Columns may come as keys or as Thai/English headers.
 */
export function fieldIssues<T extends FieldIssue>(issues: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const i of issues) {
    if (i.column === null) continue;
    const key = KEY_BY_HEADER.get(i.column) ?? i.column;
    const level = REGISTRATION_COLUMNS.find((c) => c.key === key)?.level ?? 'producer';
    const slot = `${level === 'product' ? (i.row ?? 1) : ''}|${key}`;
    out.set(slot, [...(out.get(slot) ?? []), i]);
  }
  return out;
}
