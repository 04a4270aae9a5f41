import { describe, expect, it } from 'vitest';
import { problemText } from '../../dashboard/format/problem-text.ts';

const base = { type: 'https://otop.example/problems/too-many-tables', status: 429 };

describe('problemText: a refusal in the reader’s language', () => {
  it('reads Thai and English title and detail from a bilingual problem', () => {
    const p = { ...base, title: 'Too many', titleTh: 'บ่อยเกินไป', detail: 'Try again in 40 s.', detailTh: 'ลองใหม่ในอีก 40 วินาที' };
    expect(problemText(p as never, 'th')).toEqual({ title: 'บ่อยเกินไป', detail: 'ลองใหม่ในอีก 40 วินาที' });
    expect(problemText(p as never, 'en')).toEqual({ title: 'Too many', detail: 'Try again in 40 s.' });
  });

  it('falls back to the text a route gave in one language only', () => {
    expect(problemText({ ...base, title: 'Too many', detail: 'only English' } as never, 'th')).toEqual({ title: 'Too many', detail: 'only English' });
    expect(problemText({ ...base, title: 'Too many', detailTh: 'ภาษาไทยเท่านั้น' } as never, 'en')).toEqual({ title: 'Too many', detail: 'ภาษาไทยเท่านั้น' });
    expect(problemText({ ...base, title: 'Too many' } as never, 'en').detail).toBeUndefined();
  });
});
