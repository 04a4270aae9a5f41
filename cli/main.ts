import { COMMAND_NAMES, commandHelpText, mainHelpText as help, type CommandName } from './command-help.ts';
import { COMMAND_LOADERS } from './command-table.ts';

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
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${commandHelpText(name as CommandName)}\n`);
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
