// The registration guidelines have one text (domain/registration-guidelines.ts): the printed
// enclosure 4 gives it back from its PDF, the dashboard's guidelines page renders it from there,
// and the dashboard's message tables hold no copy of it that could drift apart.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { en } from '../../dashboard/i18n/en.ts';
import { th } from '../../dashboard/i18n/th.ts';
import { GUIDELINES_DOCUMENTS, GUIDELINES_SECTIONS, GUIDELINES_STEPS, GUIDELINES_WHO } from '../../domain/registration-guidelines.ts';
import { guidelinesDocument } from '../../reports/forms/guidelines-document.ts';
import { renderPdf } from '../../reports/typeset/render-pdf.ts';
import { readDocument } from './documents/read-document.ts';
import { squash } from './thai-text-checks.ts';

const TEXTS = [...GUIDELINES_WHO, ...GUIDELINES_DOCUMENTS, ...GUIDELINES_STEPS, ...Object.values(GUIDELINES_SECTIONS)];

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'function' || value === null || typeof value !== 'object') return [];
  return Object.values(value).flatMap(strings);
}

describe('registration guidelines: one text for the page and the paper', () => {
  it('the printed enclosure gives back every guideline and heading of the domain text', async () => {
    const pdf = await renderPdf(guidelinesDocument({ fiscalYear: 2561, rounds: [] }), { creationDate: new Date('2017-08-31T03:00:00Z') });
    const raw = squash(readDocument(pdf, 'guidelines-one-source', { pngs: false }).raw);
    for (const text of TEXTS) expect(raw, text.th).toContain(squash(text.th));
  });

  it('the dashboard’s message tables hold none of it (Thai or English)', () => {
    // The sentences nowhere in the tables; the headings not among the page's own messages (a
    // heading like ประเภทผู้ผลิต is also a column name elsewhere in the dashboard).
    const messages = new Set([...strings(th), ...strings(en)]);
    const pageMessages = new Set([...strings(th.guidelines), ...strings(en.guidelines)]);
    for (const text of Object.values(GUIDELINES_SECTIONS)) expect(pageMessages.has(text.th) || pageMessages.has(text.en), text.en).toBe(false);
    for (const text of [...GUIDELINES_WHO, ...GUIDELINES_DOCUMENTS, ...GUIDELINES_STEPS]) {
      expect(messages.has(text.th), text.th).toBe(false);
      expect(messages.has(text.en), text.en).toBe(false);
    }
  });

  it('the guidelines page renders the domain lists and headings', () => {
    const page = readFileSync(new URL('../../dashboard/pages/guidelines-page.tsx', import.meta.url), 'utf8');
    expect(page).toContain("from '../../domain/registration-guidelines.ts'");
    for (const name of ['GUIDELINES_WHO.map', 'GUIDELINES_DOCUMENTS.map', 'GUIDELINES_SECTIONS.who', 'GUIDELINES_SECTIONS.documents', 'GUIDELINES_SECTIONS.plan']) expect(page).toContain(name);
    expect(page).not.toMatch(/t\.guidelines\.(who|docs)\b/);
  });
});
