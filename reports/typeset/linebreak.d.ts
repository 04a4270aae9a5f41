// linebreak is the UAX #14 implementation pdfmake itself splits words with (a pdfmake
// dependency); thai-line-break.ts reuses it so non-Thai text breaks exactly where pdfmake would.
declare module 'linebreak' {
  export interface Break {
    /** UTF-16 index the next line would start at. */
    readonly position: number;
    /** True after a hard line break (LF, CR, …). */
    readonly required: boolean;
  }
  export default class LineBreaker {
    constructor(text: string);
    nextBreak(): Break | null;
  }
}
