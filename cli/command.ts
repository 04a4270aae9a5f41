import type { Config } from '../api/config.ts';

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
