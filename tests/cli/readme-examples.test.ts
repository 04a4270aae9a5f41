import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runOtop } from './support/run-otop.ts';

// The README's command-line examples, run as written against a fresh embedded database, so the
// README cannot drift from the CLI (its `load` example named a round the demo data has locked).
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const block = /<!-- cli-examples:start -->\n```sh\n([\s\S]*?)```\n<!-- cli-examples:end -->/.exec(README)?.[1] ?? '';
const EXAMPLES = block
  .split('\n')
  .map((l) => l.replace(/\s+#.*$/, '').trim())
  .filter((l) => l.startsWith('npx otop '));

describe('README command-line examples, on the demo data', () => {
  const dir = mkdtempSync(join(tmpdir(), 'otop-readme-'));
  const env = { DATA_DIR: join(dir, 'pglite') };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the README has the examples block, and its table\'s load example uses a round the examples load', () => {
    expect(EXAMPLES.length).toBeGreaterThanOrEqual(5);
    const tableLoad = /^\| `npx otop load .*--round (\S+)/m.exec(README)?.[1];
    const examplesLoad = EXAMPLES.filter((l) => / load /.test(l)).map((l) => /--round (\S+)/.exec(l)?.[1]);
    expect(examplesLoad.length).toBeGreaterThan(0);
    expect(examplesLoad).toContain(tableLoad);
  });

  it('every example runs as written (exit 0) and writes what it says', async () => {
    for (const line of EXAMPLES) {
      const args = line.slice('npx otop '.length).split(/\s+/);
      const r = await runOtop(args, { env, cwd: dir });
      expect({ line, code: r.code, stderr: r.code === 0 ? '' : r.stderr }).toEqual({ line, code: 0, stderr: '' });
      const out = args[args.indexOf('--out') + 1];
      if (args.includes('--out')) expect(statSync(join(dir, out!)).size, line).toBeGreaterThan(0);
    }
    expect(existsSync(join(dir, 'pglite'))).toBe(true);
  }, 120_000);

  // A wrong round or district says what is wrong and what would be right, not "outside your area".
  it('a wrong round lists the format and the rounds; an unknown district is said not to exist', async () => {
    const file = EXAMPLES.map((l) => /load (\S+)/.exec(l)?.[1]).find(Boolean)!;
    const round = await runOtop(['load', file, '--district', '3801', '--round', '2561Q1', '--dry-run'], { env, cwd: dir });
    expect(round.code).toBe(2);
    expect(round.stdout).toMatch(/write it as <Buddhist-Era fiscal year>-Q<quarter 1-4>, e\.g\. 2561-Q1/);
    expect(round.stdout).toMatch(/rounds in this database: 2560-Q4, 2561-Q1, 2561-Q2, 2561-Q3, 2561-Q4/);
    const district = await runOtop(['load', file, '--district', '9999', '--round', '2561-Q4', '--dry-run'], { env, cwd: dir });
    expect(district.code).toBe(2);
    expect(district.stdout).toMatch(/→ 9999, round 2561-Q4/);
    expect(district.stdout).toMatch(/District "9999" does not exist/);
    expect(district.stdout).not.toMatch(/outside your area of responsibility|→ all/);
    const missing = await runOtop(['load', 'no-such-file.csv', '--district', '3801', '--round', '2561-Q4'], { env, cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/Cannot open 'no-such-file.csv' \(ENOENT\)/);
    expect(missing.stderr).not.toMatch(/^Error: ENOENT/m);
    const plan = await runOtop(['plan', 'load', 'no-such-plan.csv'], { env, cwd: dir });
    expect(plan.code).toBe(2);
    expect(plan.stderr).toMatch(/Cannot open 'no-such-plan.csv' \(ENOENT\)/);

    // A plan with warnings only (a stated day count one short) loads nothing without --accept-warnings: say so.
    const lines = readFileSync(join(ROOT, 'tests/fixtures/plan/letter-plan-as-written.csv'), 'utf8').split('\n').slice(0, 4);
    lines[1] = lines[1]!.replace(/,22,/, ',21,');
    writeFileSync(join(dir, 'plan-warning.csv'), `${lines.join('\n')}\n`);
    const warned = await runOtop(['plan', 'load', 'plan-warning.csv'], { env, cwd: dir });
    expect(warned.stdout).toMatch(/0 errors, 1 warnings\. Nothing loaded\..*run again with --accept-warnings/);
    expect(warned.code).toBe(1);
  }, 60_000);
});
