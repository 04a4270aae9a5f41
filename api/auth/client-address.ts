import type { Context } from 'hono';
import { BlockList, isIP } from 'node:net';
import type { IncomingMessage } from 'node:http';
import type { ProxyTrust } from '../config.ts';

// One compiled list per configuration (the config object lives as long as the app).
const compiled = new WeakMap<object, BlockList>();

function proxyList(trust: { addresses: readonly string[] }): BlockList {
  let list = compiled.get(trust);
  if (list) return list;
  list = new BlockList();
  for (const entry of trust.addresses) {
    if (entry === 'loopback') {
      list.addSubnet('127.0.0.0', 8, 'ipv4');
      list.addAddress('::1', 'ipv6');
      continue;
    }
    const [address = '', prefix] = entry.split('/');
    const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  compiled.set(trust, list);
  return list;
}

/** Whether the address `hop` steps from the server (0 = the socket's peer) is a trusted proxy. */
function trusted(trust: ProxyTrust, address: string, hop: number): boolean {
  if (trust.kind === 'none') return false;
  if (trust.kind === 'hops') return hop < trust.hops;
  const family = isIP(address);
  // BlockList matches an IPv4-mapped IPv6 address (::ffff:10.0.0.1) against IPv4 subnets.
  return family !== 0 && proxyList(trust).check(address, family === 6 ? 'ipv6' : 'ipv4');
}

function socketAddress(c: Context): string {
  const env = c.env as { incoming?: IncomingMessage } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'unknown';
}

function listHeader(c: Context, name: string): string[] {
  return (c.req.header(name) ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

/**
 * The client's address and how many trusted proxies stand between it and the server: walk from
 * the socket's peer along X-Forwarded-For from the right (each proxy appends the address it
 * saw) and stop at the first address that is not a trusted proxy. The left-most entries are
 * whatever the client wrote and are reached only if every hop before them is trusted.
 */
function resolveClient(c: Context, trust: ProxyTrust): { address: string; proxies: number } {
  const chain = [socketAddress(c), ...listHeader(c, 'x-forwarded-for').reverse()];
  let proxies = 0;
  while (proxies < chain.length && trusted(trust, chain[proxies]!, proxies)) proxies++;
  // Every hop trusted: the left-most address is the best there is.
  const address = chain[Math.min(proxies, chain.length - 1)]!;
  return { address: address.replace(/^\[(.*)\]$/, '$1').slice(0, 100), proxies };
}

/**
 * The client's address for throttling and the session record (none under app.request() in
 * tests: 'unknown', unless a trusted proxy's X-Forwarded-For says otherwise).
 */
export function clientAddress(c: Context, trust: ProxyTrust): string {
  return resolveClient(c, trust).address;
}

/**
 * The origin the browser sees this API under ('https://otop.example.go.th'). X-Forwarded-Proto
 * and -Host are read only through trusted proxies, and at the entry the outermost trusted proxy
 * wrote (an appending proxy's own entry, not one the client sent ahead of it).
 */
export function publicOrigin(c: Context, trust: ProxyTrust): string {
  const url = new URL(c.req.url);
  const { proxies } = resolveClient(c, trust);
  if (proxies > 0) {
    const pick = (values: string[]) => values[Math.max(0, values.length - proxies)];
    const proto = pick(listHeader(c, 'x-forwarded-proto'));
    const host = pick(listHeader(c, 'x-forwarded-host'));
    if (host) return `${proto ?? url.protocol.replace(':', '')}://${host}`;
  }
  const host = c.req.header('host');
  return host ? `${url.protocol}//${host}` : url.origin;
}
