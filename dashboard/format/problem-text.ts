import type { Problem } from '../api/types.ts';

/**
 * A problem+json's title and detail in the reader's language: Thai falls back to the English
 * text a route gave alone, and English to the Thai detail when there is no English one.
 */
export function problemText(problem: Problem, lang: 'th' | 'en'): { title: string; detail: string | undefined } {
  return lang === 'th'
    ? { title: problem.titleTh ?? problem.title, detail: problem.detailTh ?? problem.detail }
    : { title: problem.title, detail: problem.detail ?? problem.detailTh };
}
