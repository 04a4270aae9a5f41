import type { ComponentChildren } from 'preact';

/**
 * A wide table's own horizontal scroller: the page never scrolls sideways on a phone, the
 * table does. Focusable and named, so a keyboard can scroll it too (axe
 * scrollable-region-focusable), and the containing block of anything visually hidden inside
 * it (an absolutely positioned caption must not widen the page).
 */
export function ScrollRegion({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="table-scroll" tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}
