// The slice of fontkit (a dependency of pdfkit, which pdfmake uses) that sarabun-metrics.ts
// needs. fontkit ships no types and @types/fontkit is not installed.
declare module 'fontkit' {
  export interface GlyphRun {
    /** Sum of the positioned advances, in font units (what pdfkit uses for widths). */
    readonly advanceWidth: number;
  }
  export interface Font {
    readonly unitsPerEm: number;
    /** hhea ascent / descent in font units (pdfkit's `ascender` / `descender` scale these). */
    readonly ascent: number;
    readonly descent: number;
    readonly lineGap: number;
    hasGlyphForCodePoint(codePoint: number): boolean;
    layout(text: string, features?: string[] | Record<string, boolean>): GlyphRun;
  }
  export function create(buffer: Uint8Array): Font;
}
