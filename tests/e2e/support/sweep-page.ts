import axe from 'axe-core';
import type { Page } from 'playwright-core';
import { PHONE } from './e2e-session.ts';

/** The desktop width axe checks beside the phone's (a common laptop screen). */
export const LAPTOP = { width: 1280, height: 800 } as const;

/**
 * Waits until the page has its heading, nothing is loading and every chart on screen is drawn.
 * Only the charts present are waited for: a page without charts does not sit out a timeout.
 */
export async function waitForPageReady(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      document.querySelector('main h1') &&
      !document.querySelector('main .state.loading, main [aria-busy="true"]') &&
      [...document.querySelectorAll('main .chart-canvas:not([hidden])')].every((c) => c.querySelector('svg')),
    undefined,
    { polling: 50 },
  );
}

/** Critical and serious axe violations of the page as it is now, as "rule ×count" strings. */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  return page.evaluate(async () => {
    const r = await (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ['violations'] });
    return r.violations
      .filter((v) => v.impact === 'critical' || v.impact === 'serious')
      .map((v) => `${v.id} ×${v.nodes.length} (${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')})`);
  });
}

/**
 * One visit, both widths: the page is loaded once at 390 × 844 — no sideways scrolling, axe —
 * then widened to the laptop's 1280 × 800 on the same load (the layout and the charts follow
 * the resize) and axe runs again. Returns what it found, each prefixed with the width and path.
 */
export async function sweepPage(page: Page, url: string, label: string): Promise<string[]> {
  const problems: string[] = [];
  await page.setViewportSize(PHONE);
  await page.goto(url);
  await waitForPageReady(page);
  const width = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: innerWidth }));
  if (width.scroll > width.inner) problems.push(`390 ${label}: ${width.scroll} px wide`);
  for (const v of await seriousAxeViolations(page)) problems.push(`390 ${label}: ${v}`);
  await page.setViewportSize(LAPTOP);
  // The narrow-screen hook and the charts' resize observers act on the next frames.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await waitForPageReady(page);
  expectWide(await page.evaluate(() => innerWidth), label);
  for (const v of await seriousAxeViolations(page)) problems.push(`1280 ${label}: ${v}`);
  return problems;
}

function expectWide(inner: number, label: string): void {
  if (inner !== LAPTOP.width) throw new Error(`${label}: the viewport did not widen to ${LAPTOP.width} px (${inner})`);
}
