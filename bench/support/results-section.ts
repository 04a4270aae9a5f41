import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const RESULTS_FILE = join(import.meta.dirname, '..', 'RESULTS.md');

/**
 * Replaces one benchmark's section of bench/RESULTS.md — the text between
 * `<!-- name:start -->` and `<!-- name:end -->` — or adds it at the end; everything else in
 * the file stays as it was. `position: 'top'` puts a new section right under the title
 * (`npm run bench` keeps its summary table there).
 */
export function writeResultsSection(name: string, markdown: string, options: { position?: 'top' | 'end'; file?: string } = {}): void {
  const file = options.file ?? RESULTS_FILE;
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const section = `${start}\n${markdown.trim()}\n${end}`;
  const previous = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmark results\n';
  const at = previous.indexOf(start);
  const until = previous.indexOf(end);
  let next: string;
  if (at >= 0 && until > at) next = previous.slice(0, at) + section + previous.slice(until + end.length);
  else if (options.position === 'top') {
    const titleEnd = previous.startsWith('# ') ? previous.indexOf('\n') + 1 : 0;
    next = `${previous.slice(0, titleEnd)}\n${section}\n\n${previous.slice(titleEnd).trimStart()}`;
  } else next = `${previous.trimEnd()}\n\n${section}\n`;
  writeFileSync(file, next);
}
