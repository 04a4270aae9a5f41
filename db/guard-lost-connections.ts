import type postgres from 'postgres';

/**
 * postgres.js 3.4.x (3.4.9 and 3.4.10, the latest 3.x; the fix is unreleased:
 * porsager/postgres#1154, #1208, PR #1209) ends the process when a transaction's connection is
 * lost (pg_terminate_backend, a failover, a network cut). `begin()` itself rejects at once with
 * CONNECTION_CLOSED, but when the transaction's callback then fails it also sends ROLLBACK on the
 * dead connection; that write is deferred with setImmediate and reads the closed socket (null)
 * outside any promise — an uncaught TypeError. The same happens to COMMIT, and to any query the
 * callback still issues on its `tx` after the loss.
 *
 * This wraps the client so that neither can happen: once `begin()` has rejected because the
 * connection is gone, queries on that transaction's `tx` throw the connection error instead of
 * being sent, and the callback is kept from settling, so postgres.js sends no ROLLBACK or COMMIT
 * on it. The caller already holds `begin()`'s rejection; the callback's abandoned promise is
 * garbage once nothing refers to it. Every other call goes to the client unchanged.
 */
export function guardLostConnections(client: postgres.Sql): postgres.Sql {
  const begin = (...args: unknown[]): Promise<unknown> => {
    const fn = args.pop() as (tx: postgres.TransactionSql) => unknown;
    // The error begin() rejected with while the callback was still running: the connection is gone.
    let lost: { error: unknown } | null = null;
    let running = false;
    const outer = (client.begin as unknown as (...a: unknown[]) => Promise<unknown>)(...args, async (tx: postgres.TransactionSql) => {
      running = true;
      try {
        const result = await fn(refuseAfterLoss(tx, () => lost));
        // A loss is known to `lost` only after the microtasks of the socket's close event; one
        // turn of the event loop later it is certain.
        await nextTurn();
        if (lost) return never();
        return result;
      } catch (err) {
        await nextTurn();
        if (lost) return never();
        throw err;
      } finally {
        running = false;
      }
    });
    outer.catch((error: unknown) => {
      if (running) lost = { error };
    });
    return outer;
  };
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop === 'begin') return begin;
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
}

const QUERY_METHODS: ReadonlySet<PropertyKey> = new Set(['unsafe', 'file']);

/** `tx`, whose queries throw the connection's error once it is lost, instead of writing to it. */
function refuseAfterLoss(tx: postgres.TransactionSql, lost: () => { error: unknown } | null): postgres.TransactionSql {
  const refuse = () => {
    const gone = lost();
    if (gone) throw gone.error;
  };
  return new Proxy(tx, {
    apply(target, self, args) {
      refuse();
      return Reflect.apply(target as unknown as (...a: unknown[]) => unknown, self, args) as unknown;
    },
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (!QUERY_METHODS.has(prop) || typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        refuse();
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
const never = () => new Promise<never>(() => {});
