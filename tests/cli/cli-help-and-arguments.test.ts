import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { COMMAND_HELP } from '../../cli/command-help.ts';
import { EXPORT_DATASET_NAMES } from '../../api/exports/export-datasets.ts';
import { EXPORT_FORMAT_NAMES } from '../../api/exports/export-formats.ts';
import { CATEGORY_CODES } from '../../domain/product-categories.ts';
import { REPORT_SLUGS } from '../../api/reports/documents/report-document.ts';
import { ROOT, runOtop } from './support/run-otop.ts';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe('otop --help and argument errors (no database)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'otop-cli-args-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // Help loads no command's modules (PDF, XLSX, Arrow, PGlite): the whole CLI used to load first,
  // 240 MB and ~1.7 s. Memory is the steady signal on a busy machine; the time bound is loose.
  it('`otop --help` and `otop export --help` load none of the commands (small, quick)', async () => {
    for (const args of [['--help'], ['export', '--help'], ['report', '--help']]) {
      const runs = [];
      for (let i = 0; i < 3; i += 1) runs.push(await runOtop(args, { measureRss: true }));
      expect(runs.every((r) => r.code === 0)).toBe(true);
      expect(runs[0]!.stdout).toMatch(/Usage: /);
      expect(median(runs.map((r) => r.maxRssKb!))).toBeLessThan(150_000);
      expect(median(runs.map((r) => r.ms))).toBeLessThan(1_500);
    }
  });

  // `citus-sql` printed SQL that its own second line called "NOT RUNNABLE YET": removed, not listed.
  it('there is no citus-sql command: unknown, exit 2, and --help does not list it', async () => {
    const r = await runOtop(['citus-sql']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Unknown command 'citus-sql'/);
    expect(r.stderr.replace(/Unknown command 'citus-sql'[^\n]*/, '')).not.toMatch(/citus/i);
    expect(Object.keys(COMMAND_HELP)).not.toContain('citus-sql');
  });

  // `generate` looked for ../shared/geo relative to the current folder: from another folder it
  // picked up whatever geography sat beside that folder.
  it('generate finds the shared geography beside the project folder, not beside the current folder', async () => {
    const cwd = join(dir, 'elsewhere', 'work');
    mkdirSync(join(dir, 'elsewhere', 'shared', 'geo'), { recursive: true });
    mkdirSync(cwd, { recursive: true });
    for (const name of ['provinces', 'districts', 'subdistricts']) {
      copyFileSync(join(ROOT, 'tests', 'fixtures', 'pipeline', 'geo', `${name}.json`), join(dir, 'elsewhere', 'shared', 'geo', `${name}.json`));
    }
    const r = await runOtop(['generate', '--producers', '3', '--out', join(dir, 'g.csv')], { cwd });
    expect(r.code).toBe(0);
    const geography = (JSON.parse(r.stdout) as { geography: string }).geography;
    expect(geography).not.toContain(join(dir, 'elsewhere'));
    expect(geography === 'synthesised' || geography === join(ROOT, '..', 'shared', 'geo')).toBe(true);
  });

  it('a missing input file is named in Thai and English, exit 2, never a raw ENOENT', async () => {
    for (const args of [['users', 'import', join(dir, 'no-such.csv')], ['plan', 'check', join(dir, 'no-such.csv')]]) {
      const r = await runOtop(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(`Cannot open '${join(dir, 'no-such.csv')}' (ENOENT)`);
      expect(r.stderr).not.toMatch(/^Error: ENOENT/m);
    }
  });

  it('the usage lists (datasets, formats, categories, report kinds) are those the code takes', () => {
    for (const name of [...EXPORT_DATASET_NAMES, ...EXPORT_FORMAT_NAMES, ...CATEGORY_CODES]) expect(COMMAND_HELP.export.usage).toContain(name);
    for (const slug of REPORT_SLUGS) expect(COMMAND_HELP.report.usage).toContain(slug);
  });

  it('--out everywhere, --output accepted as its alias', async () => {
    const file = join(dir, 'generated.csv');
    const r = await runOtop(['generate', '--producers', '5', '--output', file]);
    expect(r.stderr).not.toMatch(/Unknown option/);
    expect(r.code).toBe(0);
    expect(readFileSync(file, 'utf8').split('\n').length).toBeGreaterThan(5);
    const t = await runOtop(['template', '--csv', '--output=' + join(dir, 'template.csv')]);
    expect(t.code).toBe(0);
    expect(readFileSync(join(dir, 'template.csv'), 'utf8')).toMatch(/,/);
    expect(COMMAND_HELP.export.usage).toMatch(/--out <file>/);
  });

  it('an unknown option or a missing value: a Thai and English message and the usage, exit 2', async () => {
    const unknown = await runOtop(['load', 'x.csv', '--district', '3801', '--round', '2561-Q2', '--bogus']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/ไม่รู้จักตัวเลือก --bogus \/ Unknown option --bogus/);
    expect(unknown.stderr).toMatch(/Usage: otop load <file>/);
    expect(unknown.stderr).not.toMatch(/To specify a positional argument|at parseArgs|ERR_PARSE_ARGS/);
    const missing = await runOtop(['export', 'products', '--format']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/ตัวเลือก --format ต้องมีค่า \/ Option --format needs a value/);
    expect(missing.stderr).toMatch(/Usage: otop export/);
    const users = await runOtop(['users', 'reset', '--user', 'x']);
    expect(users.code).toBe(2);
    expect(users.stderr).toMatch(/Unknown option --user/);
    expect(users.stderr).toMatch(/Usage: otop users import/);
  });
});
