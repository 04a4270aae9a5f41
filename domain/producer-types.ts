import { labelKey } from './label-key.ts';

/** The producer type codes, in form order: the one list the schema, the API and the figures use. */
export const PRODUCER_TYPE_CODES = ['community-group', 'single-owner', 'sme'] as const;
export type ProducerTypeCode = (typeof PRODUCER_TYPE_CODES)[number];
export type ProducerType = { code: ProducerTypeCode; number: 1 | 2 | 3; th: string; en: string };

export const PRODUCER_TYPES: readonly ProducerType[] = [
  { code: 'community-group', number: 1, th: 'กลุ่มผู้ผลิตชุมชน', en: 'Community producer group' },
  { code: 'single-owner', number: 2, th: 'ผู้ผลิตชุมชนที่เป็นเจ้าของรายเดียว', en: 'Single-owner community producer' },
  { code: 'sme', number: 3, th: 'ผู้ผลิตที่เป็นวิสาหกิจขนาดกลางและขนาดย่อม', en: 'SME producer' },
];

/** A producer type's name in the reader's language; a code that names no type comes back as it is. */
export function producerTypeLabel(code: string, lang: 'th' | 'en'): string {
  const type = PRODUCER_TYPES.find((t) => t.code === code);
  return type ? type[lang] : code;
}

// Short forms seen on district forms. Deliberately absent: 'ผู้ผลิตชุมชน' (fits both 1 and 2)
// and 'วิสาหกิจชุมชน' (a community enterprise is a group, not an SME).
export const PRODUCER_TYPE_ALIASES: Record<ProducerTypeCode, readonly string[]> = {
  'community-group': ['กลุ่ม', 'กลุ่มผู้ผลิต', 'community group', 'group'],
  'single-owner': ['รายเดียว', 'เจ้าของรายเดียว', 'ผู้ผลิตรายเดียว', 'single owner', 'sole owner'],
  sme: ['SME', 'SMEs', 'วิสาหกิจ', 'วิสาหกิจขนาดกลางและขนาดย่อม', 'SME producer', 'SMEs producer'],
};

const BY_KEY: ReadonlyMap<string, ProducerTypeCode> = new Map(
  PRODUCER_TYPES.flatMap((t) =>
    [t.code, String(t.number), t.th, t.en, ...PRODUCER_TYPE_ALIASES[t.code]].map((label) => [labelKey(label), t.code] as const),
  ),
);

/** Producer type from a code, number, Thai or English label or common short form; null if unknown. */
export function resolveProducerType(text: string): ProducerTypeCode | null {
  const key = labelKey(text);
  return key === '' ? null : (BY_KEY.get(key) ?? null);
}
