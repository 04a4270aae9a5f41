import type { Config } from '../api/config.ts';
import { COMMAND_HELP, type CommandName } from './command-help.ts';
import { CommandArgsError } from './parse-command-args.ts';

/** One CLI command: its help line, its options, and what it does. Exit code is returned. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  run(args: string[], ctx: CommandContext): Promise<number>;
}

export interface CommandContext {
  config: Config;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  isTTY: boolean;
}

/**
 * A command with its help from COMMAND_HELP, whose wrong arguments (CommandArgsError from
 * parseCommandArgs) print the message and the usage and exit 2 — the same whether the command
 * runs from `otop` or is called in-process.
 */
export function defineCommand(name: CommandName, run: Command['run']): Command {
  const { summary, usage } = COMMAND_HELP[name];
  return {
    name,
    summary,
    usage,
    async run(args, ctx) {
      try {
        return await run(args, ctx);
      } catch (err) {
        if (!(err instanceof CommandArgsError)) throw err;
        ctx.stderr.write(`${err.message}\n\nUsage: ${usage}\n`);
        return 2;
      }
    },
  };
}
