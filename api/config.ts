import { z } from 'zod';

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
  demo: boolean;
  secureCookies: boolean;
  uploadLimitBytes: number;
  sessionTtlHours: number;
  /** Days a one-time activation code stays valid. */
  activationTtlDays: number;
  /**
   * Behind a reverse proxy: take the client address from X-Forwarded-For and the public
   * origin from X-Forwarded-Proto/Host (only then; otherwise anyone could claim any address).
   */
  trustProxy: boolean;
  logLevel: 'silent' | 'info' | 'debug';
  /** On SIGTERM/SIGINT, how long requests in flight may run before they are cut off. */
  stopGraceSeconds: number;
}

const bool = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no', ''])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(8787),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  READ_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data/pglite'),
  DEMO: bool.optional(),
  SECURE_COOKIES: bool.optional(),
  UPLOAD_LIMIT_MB: z.coerce.number().positive().max(1024).default(50),
  SESSION_TTL_HOURS: z.coerce.number().positive().max(24 * 30).default(12),
  ACTIVATION_TTL_DAYS: z.coerce.number().int().min(1).max(90).default(14),
  TRUST_PROXY: bool.optional(),
  LOG_LEVEL: z.enum(['silent', 'info', 'debug']).default('info'),
  STOP_GRACE_SECONDS: z.coerce.number().positive().max(600).default(10),
});

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
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    readDatabaseUrl: e.READ_DATABASE_URL,
    dataDir: e.DATA_DIR,
    // Demo data is for a new user's first look; a real deployment says DEMO=0.
    demo: e.DEMO ?? true,
    secureCookies: e.SECURE_COOKIES ?? false,
    uploadLimitBytes: Math.round(e.UPLOAD_LIMIT_MB * 1024 * 1024),
    sessionTtlHours: e.SESSION_TTL_HOURS,
    activationTtlDays: e.ACTIVATION_TTL_DAYS,
    trustProxy: e.TRUST_PROXY ?? false,
    logLevel: e.LOG_LEVEL,
    stopGraceSeconds: e.STOP_GRACE_SECONDS,
  };
}
