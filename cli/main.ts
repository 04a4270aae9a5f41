import { COMMAND_HELP, COMMAND_NAMES, type CommandName } from './command-help.ts';
import { COMMAND_LOADERS } from './command-table.ts';

function help(): string {
  const width = Math.max(...COMMAND_NAMES.map((c) => c.length));
  return [
    'otop — OTOP registration monitor command line',
    '',
    'Usage: npx otop <command> [options]   (npx otop <command> --help for one command)',
    '',
    'Commands:',
    ...COMMAND_NAMES.map((c) => `  ${c.padEnd(width)}  ${COMMAND_HELP[c].summary}`),
    '',
    'Configuration (same as the server): DATABASE_URL (PostgreSQL; embedded PGlite when unset), DATA_DIR (default data/pglite in the project folder, wherever otop runs from).',
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${help()}\n`);
    return name ? 0 : 2;
  }
  if (!(COMMAND_NAMES as string[]).includes(name)) {
    process.stderr.write(`Unknown command '${name}'. / ไม่รู้จักคำสั่ง '${name}'\n\n${help()}\n`);
    return 2;
  }
  const { summary, usage } = COMMAND_HELP[name as CommandName];
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${summary}\n\nUsage: ${usage}\n`);
    return 0;
  }
  // Only now the command's own modules and the configuration load (see command-table.ts).
  const [{ ConfigError, loadConfig }, command] = await Promise.all([import('../api/config.ts'), COMMAND_LOADERS[name as CommandName]()]);
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
  async (err: unknown) => {
    const [{ connectionFailure, connectionFailureLines }, { DataDirLockedError }] = await Promise.all([
      import('../db/connection-failure.ts'),
      import('../db/data-dir-lock.ts'),
    ]);
    // The data folder held by another process, or a database that cannot be reached: the
    // holder or the driver's cause and what to check, not Drizzle's "Failed query: …".
    const failure = connectionFailure(err);
    const lines = err instanceof DataDirLockedError ? [err.message] : failure ? connectionFailureLines(failure) : [`Error: ${err instanceof Error ? err.message : String(err)}`];
    process.stderr.write(`${lines.join('\n')}\n`);
    process.exitCode = 2;
  },
);
