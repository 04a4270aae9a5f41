import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES, helpTexts } from '../../cli/command-help.ts';
import { runOtop } from './support/run-otop.ts';

// bin/otop.js prints help from cli/help-text.json without loading tsx: the JSON must say exactly
// what cli/command-help.ts says (regenerate: npx tsx cli/write-help-text.ts).
describe('the help bin/otop.js prints without TypeScript', () => {
  it('cli/help-text.json equals the help of cli/command-help.ts', () => {
    const json = JSON.parse(readFileSync(new URL('../../cli/help-text.json', import.meta.url), 'utf8')) as unknown;
    expect(json).toEqual(helpTexts());
  });

  it('prints it for --help, -h, help, <command> --help; no command is exit 2; an unknown command still goes to the CLI', async () => {
    const texts = helpTexts();
    for (const args of [['--help'], ['-h'], ['help']]) {
      const r = await runOtop(args);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(`${texts.main}\n`);
    }
    const none = await runOtop([]);
    expect(none.code).toBe(2);
    expect(none.stdout).toBe(`${texts.main}\n`);
    for (const name of COMMAND_NAMES.slice(0, 3)) {
      const r = await runOtop([name, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(`${texts.commands[name]}\n`);
    }
    const unknown = await runOtop(['nonsense', '--help']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown command 'nonsense'/);
  });
});
