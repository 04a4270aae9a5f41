#!/usr/bin/env -S node --max-semi-space-size=4
// `npx otop …` in the checkout. Help (`otop`, `otop --help`, `otop <command> --help`) is printed
// from cli/help-text.json in plain JavaScript, before anything else loads; tests/cli/help-text.test.ts
// keeps the JSON equal to cli/command-help.ts. Everything else runs the CLI as JavaScript built
// from cli/main.ts into .cache/cli/ (rebuilt when a source changed, see fresh-cli-build.js):
// without tsx's loader a command starts ~50 MB smaller and ~1.5 s sooner. OTOP_CLI_TSX=1 runs
// the sources through tsx instead (and so does a failed build, after saying why).
// --max-semi-space-size=4 (MB; Node's default grows to 16): an export makes garbage quickly and
// V8's young generation otherwise grows to 32 MB of mostly free space, the largest single part of
// a national export's peak. npx and a direct `bin/otop.js` run through this line; `node
// bin/otop.js` does not (same results, ~20–30 MB more memory at the peak of a large export).
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const [name, ...args] = process.argv.slice(2);
const asksHelp = (a) => a === '--help' || a === '-h';
const mainHelp = name === undefined || asksHelp(name) || name === 'help';
if (mainHelp || args.some(asksHelp)) {
  const help = JSON.parse(readFileSync(new URL('../cli/help-text.json', import.meta.url), 'utf8'));
  const text = mainHelp ? help.main : Object.hasOwn(help.commands, name) ? help.commands[name] : undefined;
  if (text !== undefined) {
    process.stdout.write(`${text}\n`);
    // No command at all is a usage error (exit 2), as in cli/main.ts.
    process.exitCode = name === undefined ? 2 : 0;
  }
}
if (process.exitCode === undefined) {
  let main = null;
  if (process.env.OTOP_CLI_TSX !== '1') {
    try {
      const { freshCliBuild } = await import('./fresh-cli-build.js');
      main = (await freshCliBuild({ root: fileURLToPath(new URL('..', import.meta.url)) })).main;
    } catch (err) {
      process.stderr.write(`otop: the CLI could not be built (${err instanceof Error ? err.message : String(err)}); running it through tsx.\n`);
    }
  }
  if (main) {
    await import(pathToFileURL(main).href);
  } else {
    const { register } = await import('tsx/esm/api');
    register();
    await import('../cli/main.ts');
  }
}
