/**
 * Writes the committed (small) cases of the bad-input corpus to tests/fixtures/bad/:
 * `npx tsx tests/reliability/build-bad-corpus.ts`. The big ones are generated at test time.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BAD_CASES } from '../../testkit/bad-input-corpus.ts';

const dir = fileURLToPath(new URL('../fixtures/bad/', import.meta.url));
mkdirSync(dir, { recursive: true });
for (const c of BAD_CASES) if (!c.generated) writeFileSync(`${dir}${c.name}`, c.build());
console.log(`${BAD_CASES.filter((c) => !c.generated).length} cases written to ${dir}`);
