import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

type Version = [number, number, number];

function parse(v: string): Version {
  const [a = 0, b = 0, c = 0] = v.replace(/^v/, '').split('.').map(Number);
  return [a, b, c];
}
function cmp(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** Whether `v` satisfies an npm engines range of the forms the lockfile holds: `*`, `>=x`, `^x`, `a b` (and), `a || b` (or). */
function satisfies(v: Version, range: string): boolean {
  return range.split('||').some((alternative) =>
    alternative.trim().replace(/([<>=^]+)\s+/g, '$1').split(/\s+/).every((comparator) => {
      if (comparator === '*' || comparator === '') return true;
      const m = /^(>=|\^|>|<=|<|=)?(\d+(?:\.\d+){0,2})$/.exec(comparator);
      if (!m) throw new Error(`engines range not understood: ${range}`);
      const parts = m[2]!.split('.').length;
      const bound = parse(m[2]!);
      switch (m[1]) {
        case '>=': return cmp(v, bound) >= 0;
        case '>': return cmp(v, bound) > 0;
        case '<=': return cmp(v, bound) <= 0;
        case '<': return cmp(v, bound) < 0;
        case '^': return v[0] === bound[0] && cmp(v, bound) >= 0;
        default: return parts === 1 ? v[0] === bound[0] : cmp(v, bound) === 0;
      }
    }),
  );
}

// npm only warns about an engines mismatch (EBADENGINE), so nothing else catches a dependency
// that declares it needs a newer Node than package.json promises.
describe('the Node.js versions package.json promises', () => {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { engines: { node: string } };
  const lock = JSON.parse(readFileSync(new URL('../../package-lock.json', import.meta.url), 'utf8')) as {
    packages: Record<string, { engines?: { node?: string } | string[]; optional?: boolean; os?: string[] }>;
  };
  const promised: Version[] = [];
  for (let major = 18; major <= 26; major++) for (let minor = 0; minor <= 40; minor++) for (const patch of [0, 99]) {
    if (satisfies([major, minor, patch], pkg.engines.node)) promised.push([major, minor, patch]);
  }

  it('is satisfied by every dependency in the lockfile, development ones included', () => {
    expect(promised.length).toBeGreaterThan(0);
    const refusing: string[] = [];
    for (const [path, entry] of Object.entries(lock.packages)) {
      const range = !Array.isArray(entry.engines) ? entry.engines?.node : undefined;
      if (path === '' || range === undefined) continue;
      const first = promised.find((v) => !satisfies(v, range));
      if (first) refusing.push(`${path.replace(/^.*node_modules\//, '')} (${range}) refuses Node ${first.join('.')}`);
    }
    expect(refusing).toEqual([]);
  });

  it('includes the Node.js running the tests, and the README and CI say the same', () => {
    expect(satisfies(parse(process.version), pkg.engines.node)).toBe(true);
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(`Node.js ${pkg.engines.node.replace(/\s+/g, ' ')}`);
    expect(readFileSync(new URL('../../.ci/run', import.meta.url), 'utf8')).toMatch(/npm ci --engine-strict/);
  });
});
