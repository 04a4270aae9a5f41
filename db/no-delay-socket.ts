import { connect, type Socket } from 'node:net';

/** What postgres.js hands a custom socket function: its parsed connection options. */
interface SocketTarget {
  host: string[];
  port: number[];
  path: string;
}

/**
 * postgres.js's `socket` option: the connection's socket, made as postgres.js makes its own (the
 * server's host and port, each of a list in turn, or its Unix socket; TLS, keep-alive and the
 * connect timeout stay postgres.js's) but with Nagle's algorithm off (TCP_NODELAY), as libpq sets
 * it. With it on, a small message sent while the last one is unacknowledged waits for the
 * server's delayed ACK: the first statement after every COPY of a load waited ≈ 40 ms.
 * The socket is returned still connecting; what postgres.js writes meanwhile is sent on connect.
 */
export function noDelaySocket(): (target: SocketTarget) => Socket {
  let next = 0;
  return ({ host, port, path }) => {
    if (path) return connect({ path });
    const i = next++ % host.length;
    const socket = connect({ host: host[i]!, port: port[i] ?? port[0]!, noDelay: true });
    // Where postgres.js's connection errors say the connection went.
    return Object.assign(socket, { host: host[i], port: port[i] ?? port[0] });
  };
}
