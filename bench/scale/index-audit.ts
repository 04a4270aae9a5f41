/**
 * Every index of the schema against the query plans the cost curves saved (bench/scale/plans/
 * <group>-<size>.txt: the measured load's slow statements, and EXPLAIN (ANALYZE) of the progress
 * route's, the officers' pages', the export's and the report form's own queries): which of them
 * scans it, and whether it also enforces a key. A plain index no plan scans is named, with the
 * code path it is there for.
 *
 *   npx tsx bench/scale/index-audit.ts [--size 1000000]
 *
 * The index list comes from a scratch database migrated to the current schema (dropped after);
 * `npm run bench:curves` runs the same audit at its largest size. Writes the `index-audit`
 * section of bench/RESULTS.md.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { writeResultsSection } from '../support/results-section.ts';

export const PLANS_DIR = join(import.meta.dirname, 'plans');

export interface IndexUse {
  index: string;
  table: string;
  /** 'primary key', 'unique' or '' (a plain index, there only for reads). */
  constraint: string;
  /** The plan files of this size (group: first query that scans it) that scan it. */
  usedBy: string[];
}

/**
 * What each plain index is for, where the benchmark's data leaves its table too small for the
 * planner to use it (no audit history, sessions or submission lists beyond the loads).
 */
const KEPT_FOR: Record<string, string> = {
  audit_log_at_idx: 'the audit page, newest first (no audit history in the benchmark data)',
  audit_log_round_district_idx: "a district's or round's history on the audit page",
  district_rounds_province_idx: "a province's round states (certify, report to the department); 928 rows a round, scanned whole at this size",
  sessions_expires_idx: 'deleting expired sessions',
  sessions_user_idx: 'signing a user out everywhere (password change, disable, reset)',
  submission_issues_submission_idx: "a submission's report, issues by row",
  submissions_district_round_idx: "a district's submission list",
};

export async function indexUse(url: string, producers: number, plansDir = PLANS_DIR): Promise<IndexUse[]> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  let rows: { index: string; table: string; constraint: string }[];
  try {
    rows = (await sql`
      select ic.relname as index, c.relname as table,
             case when i.indisprimary then 'primary key' when i.indisunique then 'unique' else '' end as constraint
      from pg_index i
      join pg_class ic on ic.oid = i.indexrelid
      join pg_class c on c.oid = i.indrelid
      join pg_namespace ns on ns.oid = c.relnamespace
      where ns.nspname = 'public'
      order by c.relname, ic.relname`) as unknown as typeof rows;
  } finally {
    await sql.end();
  }
  const files = readdirSync(plansDir).filter((f) => f.endsWith(`-${producers}.txt`) && !f.includes('before-fix'));
  // A plan file is blocks separated by a blank line, each opening with `-- <label>` and `-- <query>`.
  const blocks = files.flatMap((f) => {
    const group = f.replace(`-${producers}.txt`, '');
    return readFileSync(join(plansDir, f), 'utf8')
      .split(/\n\n(?=-- )/)
      .map((text) => {
        const comments = [...text.matchAll(/^-- ([^\n]*)/gm)].map((m) => m[1]!);
        const first = comments[0] ?? group;
        const label = first.startsWith(`${group}:`) ? (comments[1] ?? group) : first;
        const short = label.replace(/:\s*[\d.]+ ms$/, '').replace(/\s+/g, ' ');
        return { group, label: short.length > 70 ? `${short.slice(0, 69)}…` : short, text };
      });
  });
  return rows.map((r) => {
    const pattern = new RegExp(`(?:using|on) ${r.index}\\b`);
    const hits = blocks.filter((b) => pattern.test(b.text));
    const byGroup = new Map<string, { label: string; n: number }>();
    for (const h of hits) {
      const g = byGroup.get(h.group);
      if (g) g.n++;
      else byGroup.set(h.group, { label: h.label, n: 1 });
    }
    return { ...r, usedBy: [...byGroup].map(([g, { label, n }]) => `${g}: ${label}${n > 1 ? ` (+${n - 1} more)` : ''}`) };
  });
}

export function indexAuditSection(indexes: readonly IndexUse[], producers: number): string {
  const unused = indexes.filter((i) => i.constraint === '' && i.usedBy.length === 0);
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/`/g, "'");
  return [
    `## Indexes against the plans (\`bench/scale/index-audit.ts\`, ${producers.toLocaleString('en-US')} producers)`,
    '',
    'Every index of the schema, and the saved plans of the cost curves at this size that scan it (ingest: the measured load’s slow statements; ' +
      'progress, pages, export, pdf: `EXPLAIN (ANALYZE)` of the code’s own queries, files `bench/scale/plans/<group>-<size>.txt`). ' +
      'Keys are kept for what they enforce, scanned or not.',
    '',
    '| index | table | enforces | scanned by (plan file: first query) |',
    '|---|---|---|---|',
    ...indexes.map((i) => `| \`${i.index}\` | ${i.table} | ${i.constraint || '—'} | ${i.usedBy.map(cell).join('; ') || (KEPT_FOR[i.index] ? `— (kept for ${KEPT_FOR[i.index]})` : '—')} |`),
    '',
    unused.length === 0
      ? 'Every plain index is scanned by at least one saved plan.'
      : `Plain indexes no saved plan scans: ${unused.map((i) => `\`${i.index}\``).join(', ')}. ` +
        (unused.every((i) => KEPT_FOR[i.index])
          ? 'Each serves a path whose table the benchmark leaves (nearly) empty, named in the table; none is unused by the application.'
          : `Not explained: ${unused.filter((i) => !KEPT_FOR[i.index]).map((i) => `\`${i.index}\``).join(', ')} — candidates to drop.`),
  ].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { size: { type: 'string' } } });
  const sizes = [...new Set(readdirSync(PLANS_DIR).map((f) => Number(/-(\d+)\.txt$/.exec(f)?.[1])).filter((n) => n > 0))];
  const size = values.size ? Number(values.size) : Math.max(...sizes);
  const [{ scratchDatabase }] = await Promise.all([import('../support/bench-database.ts')]);
  const handle = await scratchDatabase('otop_index_audit');
  try {
    const indexes = await indexUse(handle.url, size);
    const section = indexAuditSection(indexes, size);
    console.log(section);
    writeResultsSection('index-audit', section);
  } finally {
    await handle.close();
    const admin = postgres(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres', { max: 1, onnotice: () => {} });
    await admin.unsafe('drop database if exists otop_index_audit with (force)');
    await admin.end();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
