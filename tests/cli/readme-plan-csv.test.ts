import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readPlanCsv } from '../../pipeline/read-plan-csv.ts';
import { validatePlan } from '../../domain/plan.ts';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

// The plan CSV format was written nowhere: found only through `plan check`'s "Missing columns".
describe('README: the plan CSV format', () => {
  it('lists every column the reader requires', () => {
    const { problems } = readPlanCsv('nothing\n1\n');
    const required = problems[0]!.column.split(', ');
    expect(required.length).toBeGreaterThan(5);
    const section = README.split('### Plan files')[1]!.split('\n## ')[0]!;
    for (const column of [...required, 'note']) expect(section).toContain(`| \`${column}\` |`);
  });

  it('its example reads and validates with no problem at all', () => {
    const example = /<!-- plan-csv-example:start -->\n```csv\n([\s\S]*?)```/.exec(README)![1]!;
    const { windows, problems } = readPlanCsv(example);
    expect(problems).toEqual([]);
    expect(windows).toHaveLength(3);
    expect(validatePlan(windows)).toEqual([]);
  });
});
