import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

// `npm run check:layers` (run by .ci/run) is dependency-cruiser with .dependency-cruiser.cjs.
// These tests run that same command: on the real tree it must pass, and on a tiny tree with one
// wrong import per rule (tests/fixtures/layers/wrong-imports) it must refuse each, by name.

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const CONFIG = join(REPO, '.dependency-cruiser.cjs');
const DEPCRUISE = join(REPO, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
const FIXTURE = join(REPO, 'tests', 'fixtures', 'layers', 'wrong-imports');

/** The script's own arguments, so the test checks exactly what CI runs. */
function checkLayersArgs(): string[] {
  const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const [bin, ...args] = pkg.scripts['check:layers']!.split(/\s+/);
  expect(bin).toBe('depcruise');
  return args;
}

/** Runs dependency-cruiser as CI does (its `err` report; the exit code is the number of errors). */
async function cruise(cwd: string, args: string[]): Promise<{ exitCode: number; report: string }> {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [DEPCRUISE, ...args], { cwd, maxBuffer: 16 * 1024 * 1024 });
    return { exitCode: 0, report: stdout };
  } catch (err) {
    const failed = err as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number' || !failed.stdout) throw new Error(`depcruise did not run: ${failed.stderr ?? String(err)}`);
    return { exitCode: failed.code, report: failed.stdout };
  }
}

/** The report's violations, one line each ("rule: a → b → c" for a cycle), sorted. */
function violations(report: string): string[] {
  return report
    .split(/\n(?=\s*error )/)
    .map((block) => block.replace(/\s+/g, ' ').trim())
    .filter((block) => block.startsWith('error '))
    .map((block) => block.replace(/^error /, '').replace(/ x \d+ dependency violations.*$/, ''))
    .sort();
}

describe('layering check (npm run check:layers)', () => {
  it('passes on the project tree: no import crosses a layer and no file is in a cycle', async () => {
    const result = await cruise(REPO, checkLayersArgs());
    expect(violations(result.report)).toEqual([]);
    expect(result.report).toContain('no dependency violations found');
    expect(result.exitCode).toBe(0);
  }, 20_000);

  it('fails on wrong imports, naming the rule and the import for each', async () => {
    const result = await cruise(FIXTURE, ['--config', CONFIG, 'domain', 'db', 'pipeline', 'api', 'dashboard', 'bench', 'testkit', 'tests']);
    // dashboard/typed-page.ts takes the same api module with `import type`: allowed, so not listed.
    expect(violations(result.report)).toEqual([
      'app-does-not-import-testkit: api/test-hook.ts → testkit/server-start.ts',
      'cli-and-bench-do-not-import-tests: bench/load-bench.ts → tests/helper.ts',
      'dashboard-has-no-node-builtins: dashboard/saved-page.ts → fs',
      'dashboard-imports-only-types-from-api: dashboard/value-page.ts → api/upload-handler.ts',
      'domain-imports-nothing-of-ours: domain/producer-rule.ts → db/producers-table.ts',
      expect.stringMatching(/^no-circular: api\/cycle-(first|second)\.ts → api\/cycle-(first|second)\.ts → api\/cycle-(first|second)\.ts$/),
      'pipeline-imports-only-domain-and-db: pipeline/load-step.ts → api/upload-handler.ts',
      'testkit-imports-no-tests-bench-or-cli: testkit/server-start.ts → bench/load-bench.ts',
    ]);
    expect(result.exitCode).toBe(8);
  }, 20_000);
});
