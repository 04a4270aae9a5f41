// Writes cli/help-text.json, the help bin/otop.js prints before (and without) loading tsx.
// Run after changing cli/command-help.ts: npx tsx cli/write-help-text.ts
import { writeFileSync } from 'node:fs';
import { helpTexts } from './command-help.ts';

writeFileSync(new URL('./help-text.json', import.meta.url), `${JSON.stringify(helpTexts(), null, 2)}\n`);
