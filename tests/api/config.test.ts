import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../api/config.ts';

const PRIMARY = 'postgres://otop@db.example:5432/otop';
const REPLICA = 'postgres://otop@replica.example:5432/otop';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('loadConfig accepted the configuration');
}

describe('loadConfig', () => {
  it('takes READ_DATABASE_URL beside DATABASE_URL; without either, there is no replica', () => {
    expect(loadConfig({ DATABASE_URL: PRIMARY, READ_DATABASE_URL: REPLICA })).toMatchObject({ databaseUrl: PRIMARY, readDatabaseUrl: REPLICA });
    expect(loadConfig({ DATABASE_URL: PRIMARY })).toMatchObject({ databaseUrl: PRIMARY, readDatabaseUrl: undefined });
    // An empty variable counts as unset, as for every other one.
    expect(loadConfig({ READ_DATABASE_URL: '' })).toMatchObject({ databaseUrl: undefined, readDatabaseUrl: undefined });
  });

  it('refuses READ_DATABASE_URL without DATABASE_URL, naming the variable', () => {
    expect(() => loadConfig({ READ_DATABASE_URL: REPLICA })).toThrow(ConfigError);
    expect(problemsOf({ READ_DATABASE_URL: REPLICA })).toEqual([
      'READ_DATABASE_URL: needs DATABASE_URL (a read replica is used only beside a PostgreSQL primary)',
    ]);
  });

  it('gives requests in flight 10 s at a stop unless STOP_GRACE_SECONDS says otherwise, and refuses a grace that is none', () => {
    expect(loadConfig({}).stopGraceSeconds).toBe(10);
    expect(loadConfig({ STOP_GRACE_SECONDS: '30' }).stopGraceSeconds).toBe(30);
    expect(problemsOf({ STOP_GRACE_SECONDS: '0' })).toEqual([expect.stringMatching(/^STOP_GRACE_SECONDS: /)]);
    expect(problemsOf({ STOP_GRACE_SECONDS: 'soon' })).toEqual([expect.stringMatching(/^STOP_GRACE_SECONDS: /)]);
  });

  it('reports that problem together with every other one', () => {
    const problems = problemsOf({ READ_DATABASE_URL: REPLICA, PORT: 'eighty' });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^PORT: /);
    expect(problems[1]).toMatch(/^READ_DATABASE_URL: needs DATABASE_URL/);
    expect(problemsOf({ DATABASE_URL: PRIMARY, READ_DATABASE_URL: 'mysql://replica' })).toEqual([
      'READ_DATABASE_URL: must be a postgres:// or postgresql:// URL',
    ]);
  });
});

describe('TRUST_PROXY', () => {
  it('takes a number of proxy hops or a list of proxy addresses and CIDRs; 0 or unset trusts none', () => {
    expect(loadConfig({}).trustProxy).toEqual({ kind: 'none' });
    expect(loadConfig({ TRUST_PROXY: '0' }).trustProxy).toEqual({ kind: 'none' });
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toEqual({ kind: 'hops', hops: 1 });
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toEqual({ kind: 'hops', hops: 2 });
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 192.0.2.1,fd00::/8, loopback' }).trustProxy).toEqual({
      kind: 'addresses',
      addresses: ['10.0.0.0/8', '192.0.2.1', 'fd00::/8', 'loopback'],
    });
  });

  it('refuses "true" (trusting every hop believes what the client writes) and anything that is not an address, naming the variable', () => {
    expect(problemsOf({ TRUST_PROXY: 'true' })).toEqual([expect.stringMatching(/^TRUST_PROXY: "true" is ambiguous; give the number of proxy hops/)]);
    expect(problemsOf({ TRUST_PROXY: '10.0.0.0/33, proxy.local' })).toEqual([
      expect.stringMatching(/^TRUST_PROXY: not an address or CIDR: 10\.0\.0\.0\/33, proxy\.local; /),
    ]);
  });
});

describe('DEMO', () => {
  it('is on by default only on the embedded database; a PostgreSQL gets demo accounts only with an explicit DEMO=1', () => {
    expect(loadConfig({}).demo).toBe(true);
    expect(loadConfig({ DEMO: '0' }).demo).toBe(false);
    expect(loadConfig({ DATABASE_URL: PRIMARY }).demo).toBe(false);
    expect(loadConfig({ DATABASE_URL: PRIMARY, DEMO: '1' }).demo).toBe(true);
  });
});
