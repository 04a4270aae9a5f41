import { isIP } from 'node:net';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/**
 * Which peers are proxies whose X-Forwarded-* headers are believed (Express's `trust proxy`
 * semantics, never "trust everything"): none; the nearest `hops` peers; or the peers whose
 * address is in `addresses` (addresses, CIDRs, or `loopback`). The client is the first
 * untrusted address reading X-Forwarded-For from the right.
 */
export type ProxyTrust =
  | { kind: 'none' }
  | { kind: 'hops'; hops: number }
  | { kind: 'addresses'; addresses: readonly string[] };

/**
 * The one place that reads process.env (with the CLI entry). Everything is validated at
 * start-up and every problem is reported at once.
 */
export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  /**
   * A streaming replica of DATABASE_URL for lag-tolerant reads (progress, report PDFs,
   * exports); never set without databaseUrl.
   */
  readDatabaseUrl: string | undefined;
  dataDir: string;
  /** Demo data and accounts on an empty database: default on the embedded database only. */
  demo: boolean;
  secureCookies: boolean;
  uploadLimitBytes: number;
  sessionTtlHours: number;
  /** Days a one-time activation code stays valid. */
  activationTtlDays: number;
  /**
   * Behind reverse proxies: how many (or which) proxies' X-Forwarded-For/Proto/Host entries to
   * believe, read from the right, for the client address and the public origin. Never the
   * left-most entry as such: the client writes that one.
   */
  trustProxy: ProxyTrust;
  logLevel: 'silent' | 'info' | 'debug';
  /** On SIGTERM/SIGINT, how long requests in flight may run before they are cut off. */
  stopGraceSeconds: number;
}

const bool = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no', ''])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

/**
 * Whether postgres.js can read the URL, parsed as it does (its `parseUrl`): otherwise the driver
 * throws a bare "Invalid URL" or "URI malformed" at the first query, naming no variable.
 */
function driverCanParse(url: string): boolean {
  try {
    const afterScheme = url.slice(url.indexOf('://') + 3).split(/[?/]/)[0] ?? '';
    const hosts = decodeURIComponent(afterScheme.slice(afterScheme.indexOf('@') + 1));
    const parsed = new URL(url.replace(hosts, hosts.split(',')[0] ?? ''));
    decodeURIComponent(parsed.username);
    decodeURIComponent(parsed.password);
    decodeURIComponent(parsed.pathname);
    return true;
  } catch {
    return false;
  }
}

// The message never repeats the URL: it may hold the password.
const postgresUrl = z
  .string()
  .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
  .refine(driverCanParse, {
    message:
      'is not a readable URL: check the port (1–65535) and percent-encode special characters in the user and password (%40 for @, %25 for %, %2F for /)',
  });

/** data/pglite in the project root (api/ is one level below it). */
export const DEFAULT_DATA_DIR = fileURLToPath(new URL('../data/pglite', import.meta.url));

const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(8787),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: postgresUrl.optional(),
  READ_DATABASE_URL: postgresUrl.optional(),
  // The default is the project's own data/pglite wherever the command runs from: relative to the
  // current folder, `npx otop …` run in docs/ silently made a second, empty database there.
  DATA_DIR: z.string().min(1).default(DEFAULT_DATA_DIR),
  DEMO: bool.optional(),
  SECURE_COOKIES: bool.optional(),
  UPLOAD_LIMIT_MB: z.coerce.number().positive().max(1024).default(50),
  SESSION_TTL_HOURS: z.coerce.number().positive().max(24 * 30).default(12),
  ACTIVATION_TTL_DAYS: z.coerce.number().int().min(1).max(90).default(14),
  TRUST_PROXY: z.string().optional(),
  LOG_LEVEL: z.enum(['silent', 'info', 'debug']).default('info'),
  STOP_GRACE_SECONDS: z.coerce.number().positive().max(600).default(10),
});

/** An address or CIDR (v4 or v6) in a TRUST_PROXY list, or `loopback`. */
function isProxyAddress(entry: string): boolean {
  if (entry === 'loopback') return true;
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address ?? '');
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

const TRUST_PROXY_HELP =
  'give the number of proxy hops in front of the server (0 none, 1 one proxy, …) or a comma list of the proxies\' addresses or CIDRs (or loopback)';

function parseProxyTrust(value: string | undefined, problems: string[]): ProxyTrust {
  const v = (value ?? '0').trim().toLowerCase();
  if (v === '0' || v === 'false' || v === 'no') return { kind: 'none' };
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    if (hops > 10) problems.push(`TRUST_PROXY: ${hops} hops is more than any deployment has; ${TRUST_PROXY_HELP}`);
    return { kind: 'hops', hops };
  }
  if (v === 'true' || v === 'yes') {
    // Trusting every hop would believe the left-most entry, which the client writes.
    problems.push(`TRUST_PROXY: "${value}" is ambiguous; ${TRUST_PROXY_HELP}`);
    return { kind: 'none' };
  }
  const addresses = v.split(',').map((a) => a.trim()).filter((a) => a !== '');
  const bad = addresses.filter((a) => !isProxyAddress(a));
  if (bad.length > 0 || addresses.length === 0) {
    problems.push(`TRUST_PROXY: not an address or CIDR: ${bad.join(', ') || value}; ${TRUST_PROXY_HELP}`);
    return { kind: 'none' };
  }
  return { kind: 'addresses', addresses };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  // A replica only makes sense beside a PostgreSQL primary: the embedded engine has no replicas,
  // and silently ignoring the URL would hide a missing DATABASE_URL.
  if (cleaned.READ_DATABASE_URL !== undefined && cleaned.DATABASE_URL === undefined) {
    problems.push('READ_DATABASE_URL: needs DATABASE_URL (a read replica is used only beside a PostgreSQL primary)');
  }
  const trustProxy = parseProxyTrust(cleaned.TRUST_PROXY, problems);
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    readDatabaseUrl: e.READ_DATABASE_URL,
    dataDir: e.DATA_DIR,
    // Demo data and demo accounts (an admin with a published password) are for a first look
    // on the embedded database; on a real PostgreSQL they take an explicit DEMO=1.
    demo: e.DEMO ?? e.DATABASE_URL === undefined,
    secureCookies: e.SECURE_COOKIES ?? false,
    uploadLimitBytes: Math.round(e.UPLOAD_LIMIT_MB * 1024 * 1024),
    sessionTtlHours: e.SESSION_TTL_HOURS,
    activationTtlDays: e.ACTIVATION_TTL_DAYS,
    trustProxy,
    logLevel: e.LOG_LEVEL,
    stopGraceSeconds: e.STOP_GRACE_SECONDS,
  };
}
