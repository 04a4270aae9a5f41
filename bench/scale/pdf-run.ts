/**
 * The national registration report form with every district, built as bench/pdf/pdf-bench.ts
 * builds it (data through the report's queries, document built, Thai laid out, PDF rendered),
 * in a process of its own so its peak memory is its own:
 *
 *   node --import tsx bench/scale/pdf-run.ts <database-url> <fiscal-year> <runs>
 *
 * One warm-up, then <runs> timed renders. Prints one JSON line.
 */
import type { SessionUser } from '../../api/auth/session-user.ts';
import { reportDocument } from '../../api/reports/documents/report-document.ts';
import { renderPdf } from '../../reports/typeset/render-pdf.ts';
import { createDb } from '../../db/create-db.ts';

const NOW = new Date('2018-10-05T03:00:00Z');
const DEPARTMENT: SessionUser = { id: 'bench', username: 'bench', role: 'department', provinceCode: null, districtCode: null, displayName: '', mustChangePassword: false };

const [url, fy, runsText] = process.argv.slice(2);
if (!url || !fy || !runsText) {
  process.stderr.write('usage: pdf-run.ts <database-url> <fiscal-year> <runs>\n');
  process.exit(2);
}
const handle = await createDb({ databaseUrl: url, maxConnections: 4 });
const runs: { total: number; data: number; render: number }[] = [];
let pages = 0;
let bytes = 0;
for (let i = 0; i <= Number(runsText); i++) {
  const t0 = performance.now();
  const { doc, digits } = await reportDocument(handle.db, 'report-form', { fiscalYear: Number(fy), detail: 'district' }, DEPARTMENT, NOW);
  const t1 = performance.now();
  const pdf = await renderPdf(doc, { pageNumbers: digits, creationDate: NOW });
  const t2 = performance.now();
  pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  bytes = pdf.length;
  if (i > 0) runs.push({ total: t2 - t0, data: t1 - t0, render: t2 - t1 }); // run 0 warms up
}
await handle.close();
process.stdout.write(`${JSON.stringify({ runs, pages, bytes, peakMb: process.resourceUsage().maxRSS / 1024 })}\n`);
