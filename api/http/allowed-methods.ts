import { TrieRouter } from 'hono/router/trie-router';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/**
 * The methods a path answers to, from the app's own route table (its concrete routes, not the
 * `use` middleware nor wildcard paths), for a 405's Allow header; HEAD goes with GET. Built once
 * from the routes as they are when first asked (every route is mounted by then).
 */
export function allowedMethods(routes: readonly { method: string; path: string }[]): (path: string) => string[] {
  let router: TrieRouter<true> | undefined;
  return (path) => {
    if (!router) {
      router = new TrieRouter<true>();
      for (const r of routes) {
        if (r.method === 'ALL' || r.path.includes('*')) continue;
        router.add(r.method.toUpperCase(), r.path, true);
      }
    }
    const allowed: string[] = [];
    for (const m of METHODS) {
      if (router.match(m, path)[0].length > 0) allowed.push(m);
    }
    if (allowed.includes('GET')) allowed.splice(1, 0, 'HEAD');
    return allowed;
  };
}
