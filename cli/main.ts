import { ConfigError, loadConfig } from '../api/config.ts';
import { connectionFailure, connectionFailureLines } from '../db/connection-failure.ts';
import { DataDirLockedError } from '../db/data-dir-lock.ts';
import type { Command } from './command.ts';
import { migrateCommand } from './commands/migrate-command.ts';
import { seedCommand } from './commands/seed-command.ts';
import { usersCommand } from './commands/users-command.ts';
import { planCommand } from './commands/plan-command.ts';
import { reportCommand } from './commands/report-command.ts';
import { loadCommand } from './commands/load-command.ts';
import { templateCommand } from './commands/template-command.ts';
import { generateCommand } from './commands/generate-command.ts';
import { geoCommand } from './commands/geo-import-command.ts';
import { exportCommand } from './commands/export-command.ts';
import { citusSqlCommand } from './commands/citus-sql-command.ts';

const COMMANDS: readonly Command[] = [migrateCommand, seedCommand, planCommand, usersCommand, loadCommand, templateCommand, generateCommand, geoCommand, reportCommand, exportCommand, citusSqlCommand];

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'otop — OTOP registration monitor command line',
    '',
    'Usage: npx otop <command> [options]   (npx otop <command> --help for one command)',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Configuration (same as the server): DATABASE_URL (PostgreSQL; embedded PGlite when unset), DATA_DIR (default ./data/pglite).',
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${help()}\n`);
    return name ? 0 : 2;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`Unknown command '${name}'. / ไม่รู้จักคำสั่ง '${name}'\n\n${help()}\n`);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${command.summary}\n\nUsage: ${command.usage}\n`);
    return 0;
  }
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      return 2;
    }
    throw err;
  }
  return command.run(args, {
    config,
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    isTTY: Boolean(process.stdout.isTTY),
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    // The data folder held by another process, or a database that cannot be reached: the
    // holder or the driver's cause and what to check, not Drizzle's "Failed query: …".
    const failure = connectionFailure(err);
    const lines = err instanceof DataDirLockedError ? [err.message] : failure ? connectionFailureLines(failure) : [`Error: ${err instanceof Error ? err.message : String(err)}`];
    process.stderr.write(`${lines.join('\n')}\n`);
    process.exitCode = 2;
  },
);
