// The dependencies createApp() is given and the Hono context they become. Their own file, not
// create-app.ts: every middleware and route names AppEnv, and importing it from the file that
// mounts those routes made an import cycle through every route (checked by `npm run check:layers`).
import type { Db, Engine } from '../db/create-db.ts';
import type { ActiveApiToken } from './auth/api-token-store.ts';
import type { ActiveSession, SessionUser } from './auth/session-user.ts';
import type { Config } from './config.ts';
import type { LiveEvents } from './events/live-events.ts';

export interface AppDeps {
  /** The primary: every write, and every read that must see the caller's own writes. */
  db: Db;
  /**
   * Where lag-tolerant, read-heavy traffic goes — progress, report PDFs (except the account
   * registry), exports: a streaming replica when READ_DATABASE_URL is set. Default: `db`.
   */
  readDb?: Db;
  engine: Engine;
  config: Config;
  /** The clock, injectable so tests can stand at a window's boundary. */
  now?: () => Date;
  /**
   * What committed changes the event streams hear of (LISTEN on `db`). Default: a new one per
   * app; the server passes its own so that shutting down can end the open streams first.
   */
  events?: LiveEvents;
}

/**
 * Context variables: `deps` always; `user` and `session` once the session middleware found a
 * live session — routes behind `requireUser()`/`requireRole()` (and the progress route, which
 * is mounted behind them) can rely on `c.get('user')`. A bearer request has `user` and
 * `apiToken` and never a `session`.
 */
export type AppEnv = { Variables: { deps: Required<AppDeps>; user: SessionUser; session: ActiveSession; apiToken: ActiveApiToken } };
