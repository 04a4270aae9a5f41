import { parseArgs, type ParseArgsConfig } from 'node:util';

/** An argument the command cannot take (unknown option, missing value): printed with the usage, exit 2 (see defineCommand). */
export class CommandArgsError extends Error {}

/**
 * `node:util` parseArgs with the command line's own conventions: `--output` is accepted for
 * `--out` (export used to take `--output`, the other commands `--out`; both now work
 * everywhere), and a wrong argument becomes a CommandArgsError with a message in Thai and
 * English instead of Node's "To specify a positional argument starting with a '-'…".
 */
export function parseCommandArgs<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  const args = config.args ?? [];
  const renamed = config.options && 'out' in config.options
    ? args.map((a) => (a === '--output' ? '--out' : a.startsWith('--output=') ? `--out=${a.slice('--output='.length)}` : a))
    : args;
  try {
    return parseArgs({ ...config, args: renamed } as T);
  } catch (err) {
    throw new CommandArgsError(argsMessage(err));
  }
}

function argsMessage(err: unknown): string {
  const code = (err as { code?: string }).code;
  const text = err instanceof Error ? err.message : String(err);
  const quoted = /'([^']*)'/.exec(text)?.[1] ?? '';
  const option = quoted.split(/[ =]/)[0];
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `ไม่รู้จักตัวเลือก ${option} / Unknown option ${option}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return text.includes('does not take')
        ? `ตัวเลือก ${option} ไม่รับค่า / Option ${option} takes no value`
        : `ตัวเลือก ${option} ต้องมีค่า / Option ${option} needs a value`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `มีอาร์กิวเมนต์เกิน '${quoted}' / Unexpected argument '${quoted}'`;
    default:
      return `อาร์กิวเมนต์ไม่ถูกต้อง / Invalid arguments: ${text.split('\n')[0]}`;
  }
}
