import { appendFileSync } from 'node:fs';

/**
 * One measured figure of a benchmark, compared with its baseline from the same run. Every
 * bench script reports through `reportFigures`, which prints a table and, when the harness
 * (`npm run bench`) set BENCH_FIGURES_FILE, appends the figures there as JSON lines.
 */
export interface BenchFigure {
  benchmark: string;
  /** What was measured, with its unit: '2.41 s', 'p95 18.2 ms'. */
  figure: string;
  /** The baseline measured in the same run ('psql \\copy 1.62 s'), or '—'. */
  baseline: string;
  /** figure ÷ baseline, when both are comparable numbers. */
  ratio: number | null;
  /** The goal as the issue states it ('≤ 1.5 × \\copy'). */
  goal: string;
  met: boolean | null;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`;
}

export function reportFigures(figures: readonly BenchFigure[], env: Record<string, string | undefined> = process.env): void {
  const rows = figures.map((f) => [f.benchmark, f.figure, f.baseline, f.ratio === null ? '—' : `${f.ratio.toFixed(2)} ×`, f.goal, f.met === null ? '—' : f.met ? 'yes' : 'no']);
  const header = ['benchmark', 'figure', 'baseline', 'ratio', 'goal', 'met'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log(line(header));
  for (const r of rows) console.log(line(r));
  const file = env.BENCH_FIGURES_FILE;
  if (file) appendFileSync(file, figures.map((f) => JSON.stringify(f)).join('\n') + '\n');
}
