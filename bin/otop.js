#!/usr/bin/env node
// `npx otop …` in the checkout. Help (`otop`, `otop --help`, `otop <command> --help`) is printed
// from cli/help-text.json in plain JavaScript, before tsx loads (tsx alone costs more than the
// 300 ms the issue allows); everything else runs the TypeScript CLI through tsx's loader.
// tests/cli/help-text.test.ts keeps the JSON equal to cli/command-help.ts.
import { readFileSync } from 'node:fs';

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
  const { register } = await import('tsx/esm/api');
  register();
  await import('../cli/main.ts');
}
