import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freshCliBuild } from '../../bin/fresh-cli-build.js';
import { ROOT, runOtop } from './support/run-otop.ts';

/** A small project: an entry, a module reading a file beside itself, and a command loaded on demand. */
function project(): string {
  const root = mkdtempSync(join(tmpdir(), 'otop-cli-build-'));
  const files: Record<string, string> = {
    'cli/main.ts': [
      "import { greeting } from '../lib/greeting.ts';",
      'const name: string = process.argv[2] ?? "";',
      "if (name === 'late') console.log((await import('./late-command.ts')).late());",
      'else console.log(greeting());',
    ].join('\n'),
    'lib/greeting.ts': [
      "import { readFileSync } from 'node:fs';",
      "export function greeting(): string {",
      "  return `${readFileSync(new URL('./word.txt', import.meta.url), 'utf8').trim()} from ${import.meta.dirname}`;",
      '}',
    ].join('\n'),
    'lib/word.txt': 'hello\n',
    'cli/late-command.ts': "export const late = (): string => 'LATE-ONLY-MARKER';",
  };
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  return root;
}

function run(main: string, ...args: string[]): string {
  const r = spawnSync(process.execPath, [main, ...args], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  return r.stdout.trim();
}

describe('the CLI built into .cache/cli (bin/fresh-cli-build.js)', () => {
  const roots: string[] = [];
  afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

  it('runs the sources as written, paths relative to each source file, a dynamic import in its own chunk', async () => {
    const root = project();
    roots.push(root);
    const { main, built } = await freshCliBuild({ root });
    expect(built).toBe(true);
    expect(main.startsWith(join(root, '.cache', 'cli'))).toBe(true);
    expect(run(main)).toBe(`hello from ${join(root, 'lib')}`);
    expect(run(main, 'late')).toBe('LATE-ONLY-MARKER');
    expect(readFileSync(main, 'utf8')).not.toContain('LATE-ONLY-MARKER');
    // A file read at run time is read from the checkout: a change shows without a rebuild.
    writeFileSync(join(root, 'lib', 'word.txt'), 'sawasdee\n');
    const again = await freshCliBuild({ root });
    expect(again).toEqual({ main, built: false });
    expect(run(main)).toBe(`hello from ${join(root, 'lib')}`.replace('hello', 'sawasdee'));
  });

  it('rebuilds when any source changed or is gone, so an edit never runs stale', async () => {
    const root = project();
    roots.push(root);
    const first = await freshCliBuild({ root });
    // Same size, new content.
    writeFileSync(join(root, 'cli', 'late-command.ts'), "export const late = (): string => 'LATE-ONLY-MARKEX';");
    const second = await freshCliBuild({ root });
    expect(second.built).toBe(true);
    expect(second.main).not.toBe(first.main);
    expect(run(second.main, 'late')).toBe('LATE-ONLY-MARKEX');
    expect((await freshCliBuild({ root })).built).toBe(false);
    rmSync(join(root, 'cli', 'late-command.ts'));
    await expect(freshCliBuild({ root })).rejects.toThrow(/late-command/);
    // The build replaced a moment ago stays (a running process may still load its chunks).
    expect(readdirSync(join(root, '.cache', 'cli')).filter((n) => n.startsWith('build-'))).toHaveLength(2);
  });

  it('refuses import.meta uses whose meaning would move with the build', async () => {
    const root = project();
    roots.push(root);
    writeFileSync(join(root, 'lib', 'greeting.ts'), "export const greeting = (): string => import.meta.resolve('./word.txt');");
    await expect(freshCliBuild({ root })).rejects.toThrow(/import\.meta other than url, dirname or filename/);
  });

  // Through tsx's loader a command started ~130 MB and ~2 s in; built, ~80 MB.
  it('`otop export` runs from the build, without tsx: a smaller start; OTOP_CLI_TSX=1 still runs the sources', async () => {
    const built = await runOtop(['export', 'products', '--format', 'nope'], { measureRss: true });
    expect(built.code).toBe(2);
    expect(built.stderr).toMatch(/^--format must be one of arrows, arrow, parquet, csv/);
    expect(built.maxRssKb!).toBeLessThan(110_000);
    const manifest = JSON.parse(readFileSync(join(ROOT, '.cache', 'cli', 'manifest.json'), 'utf8')) as { inputs: [string][] };
    expect(manifest.inputs.map(([file]) => file)).toContain(join('cli', 'commands', 'export-command.ts'));
    expect(existsSync(join(ROOT, '.cache', 'cli', (manifest as unknown as { build: string }).build, 'main.js'))).toBe(true);
    const tsx = await runOtop(['export', 'products', '--format', 'nope'], { env: { OTOP_CLI_TSX: '1' } });
    expect(tsx.code).toBe(2);
    expect(tsx.stderr).toBe(built.stderr);
  });
});
