import type { Content } from 'pdfmake/interfaces';

/**
 * The empty top of the first page where the printed Garuda emblem goes (it is stamped or
 * pre-printed; the product has no licensed artwork, so the space is left, never faked).
 */
export const GARUDA_SPACE: Content = { text: '', margin: [0, 0, 0, 54] };

/**
 * The signing official's block of a letter or an announcement, in the right half: room to sign,
 * a blank name line in brackets for the signer to fill, then the position lines.
 */
export function officialSignature(position: readonly string[]): Content {
  return {
    unbreakable: true,
    columns: [
      { width: '40%', text: '' },
      {
        width: '*',
        stack: [
          { text: ' ', margin: [0, 0, 0, 28] },
          { text: '(                                                  )', alignment: 'center', preserveLeadingSpaces: true },
          ...position.map((text) => ({ text, alignment: 'center' as const })),
        ],
      },
    ],
  };
}
