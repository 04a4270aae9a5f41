import type { IngestLimits } from '../ingest-limits.ts';
import { FileRefusal } from './file-refusal.ts';

const ONE_MB = 1024 * 1024;
const size = (bytes: number) => (bytes >= ONE_MB ? `${Math.round(bytes / ONE_MB)} MB` : `${Math.ceil(bytes / 1024)} KB`);

// Below this, a part is not judged by its ratio: the first megabytes of a real sheet (styled
// empty rows, repeated cells) can compress far better than the part as a whole.
const RATIO_FLOOR_BYTES = 4 * ONE_MB;

export type InflationLimits = Pick<IngestLimits, 'maxXlsxPartInflatedBytes' | 'maxXlsxInflatedBytes' | 'maxXlsxCompressionRatio'>;

/**
 * Counts the bytes an XLSX's parts really inflate to, whatever their headers declare, and
 * refuses the file ('inflation-limit') the moment one part, all parts together, or one part's
 * inflated-to-compressed ratio passes its limit. One meter per file read.
 */
export class InflationMeter {
  private totalBytes = 0;
  private readonly compressed = new Map<string, number>();

  constructor(private readonly limits: InflationLimits) {}

  /**
   * Adds `n` bytes just inflated from part `name`, which has now inflated to `partBytes` from
   * `compressedBytes` read; `declaredBytes` is what its central directory claims (for the message).
   */
  count(name: string, n: number, partBytes: number, compressedBytes: number, declaredBytes: number): void {
    this.totalBytes += n;
    this.compressed.set(name, compressedBytes);
    const { maxXlsxPartInflatedBytes: part, maxXlsxInflatedBytes: total, maxXlsxCompressionRatio: ratio } = this.limits;
    const declared =
      partBytes > declaredBytes
        ? { th: ` ทั้งที่ส่วนหัวแจ้งไว้เพียง ${size(declaredBytes)}`, en: `, though its header declares ${size(declaredBytes)}` }
        : { th: '', en: '' };
    if (partBytes > part) {
      throw new FileRefusal('inflation-limit', {
        th: `ส่วน ${name} ของไฟล์ Excel ขยายออกมาเกิน ${size(part)}${declared.th}`,
        en: `part ${name} of the Excel file inflates past ${size(part)}${declared.en}`,
      });
    }
    if (this.totalBytes > total) {
      throw new FileRefusal('inflation-limit', {
        th: `ไฟล์ Excel ขยายออกมารวมกันเกิน ${size(total)}`,
        en: `the Excel file inflates past ${size(total)} in all`,
      });
    }
    if (partBytes > RATIO_FLOOR_BYTES && partBytes > ratio * Math.max(1, compressedBytes)) {
      throw new FileRefusal('inflation-limit', {
        th: `ส่วน ${name} ของไฟล์ Excel ขยายตัวเกิน ${ratio} เท่าของขนาดที่บีบอัดไว้${declared.th}`,
        en: `part ${name} of the Excel file inflates more than ${ratio} times its compressed size${declared.en}`,
      });
    }
  }

  /** Compressed bytes of part `name` inflated so far (for progress). */
  compressedOf(name: string): number {
    return this.compressed.get(name) ?? 0;
  }
}
