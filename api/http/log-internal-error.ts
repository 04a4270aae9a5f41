// Internal errors are logged for the operator, but never with what the user sent: a failed
// query's bound parameters and a constraint's detail can hold citizen IDs, names, passwords.

const THIRTEEN_DIGITS = /(?<!\d)\d{13}(?!\d)/g;

/** Masks anything shaped like a 13-digit citizen or juristic ID. */
export function redactIds(text: string): string {
  return text.replace(THIRTEEN_DIGITS, (id) => `x-xxxx-xxxxx-${id.slice(10, 12)}-${id.slice(12)}`);
}

/** The loggable summary of an error: name, message without bound parameters, database error code, stack frames. */
export function describeInternalError(err: unknown): string {
  if (!(err instanceof Error)) return redactIds(String(err)).slice(0, 500);
  const parts: string[] = [];
  let current: unknown = err;
  for (let depth = 0; current instanceof Error && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    // Drizzle appends "params: …" to the message; the query text itself has only placeholders.
    const message = current.message.split(/\nparams:/)[0] ?? '';
    parts.push(`${current.name}${typeof code === 'string' ? ` [${code}]` : ''}: ${redactIds(message).slice(0, 2000)}`);
    current = (current as { cause?: unknown }).cause;
  }
  const frames = (err.stack ?? '').split('\n').filter((l) => l.trimStart().startsWith('at ')).slice(0, 8);
  return [...parts, ...frames.map(redactIds)].join('\n');
}

export function logInternalError(method: string, path: string, err: unknown): void {
  console.error(`[${new Date().toISOString()}] ${method} ${redactIds(path)}: ${describeInternalError(err)}`);
}
