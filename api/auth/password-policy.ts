import { ZxcvbnFactory, type ZxcvbnResult } from '@zxcvbn-ts/core';
import * as zxcvbnCommon from '@zxcvbn-ts/language-common';
import * as zxcvbnEn from '@zxcvbn-ts/language-en';
import { BUENG_KAN_DISTRICTS, BUENG_KAN_PROVINCE } from '../../pipeline/seed/bueng-kan-geography.ts';

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;
/** zxcvbn's score (0–4) a new password needs: 3 is "safely unguessable" (about 10^8 guesses and more). */
export const MIN_PASSWORD_SCORE = 3;

type Message = { en: string; th: string };

/**
 * Words an attacker who knows this system tries first: OTOP vocabulary, the office's own
 * words, Buddhist-era years, and the places of the reference geography (Thai and romanised,
 * joined and by word).
 * Short words are left out: matched anywhere, they would make random passwords look weak.
 */
function otopWords(): string[] {
  const words = new Set<string>([
    'otop', 'otop2561', 'otopthai', 'thaiotop', 'onetambon', 'oneproduct', 'community', 'development', 'cdd',
    'chumchon', 'phatthana', 'thailand', 'prathet', 'bangkok', 'krungthep', 'nongkhai', 'udonthani', 'sakonnakhon',
    'หนึ่งตำบลหนึ่งผลิตภัณฑ์', 'โอท็อป', 'ผลิตภัณฑ์', 'พัฒนาชุมชน', 'ชุมชน', 'ประเทศไทย', 'กรุงเทพ', 'ผู้ผลิต', 'ผู้ประกอบการ',
    'register', 'registration', 'monitor', 'district', 'province', 'department', 'analyst', 'admin',
  ]);
  const addName = (name: string) => {
    const lower = name.toLowerCase();
    words.add(lower.replace(/\s+/g, ''));
    for (const w of lower.split(/\s+/)) if ([...w].length >= 4) words.add(w);
  };
  addName(BUENG_KAN_PROVINCE.nameEn);
  addName(BUENG_KAN_PROVINCE.nameTh);
  words.add('bungkan');
  words.add('beungkan');
  // Buddhist-era years (2561 = 2018): zxcvbn knows Gregorian years only.
  for (let year = 2500; year <= 2600; year++) words.add(String(year));
  for (const d of BUENG_KAN_DISTRICTS) {
    addName(d.nameEn);
    addName(d.nameTh);
    for (const [, th, en] of d.subdistricts) {
      addName(en);
      addName(th);
    }
  }
  return [...words].filter((w) => [...w].length >= 4);
}

// zxcvbn reports warnings as translation keys (identity translations), worded here in both languages.
const WARNINGS: Record<string, Message> = {
  straightRow: { en: 'Straight rows of keys are easy to guess', th: 'แป้นที่เรียงกันบนแป้นพิมพ์เดาได้ง่าย' },
  keyPattern: { en: 'Keyboard patterns are easy to guess', th: 'รูปแบบการกดแป้นพิมพ์เดาได้ง่าย' },
  simpleRepeat: { en: 'Repeated characters like "aaa" are easy to guess', th: 'ตัวอักษรซ้ำกัน เช่น "aaa" เดาได้ง่าย' },
  extendedRepeat: { en: 'Repeated patterns like "abcabcabc" are easy to guess', th: 'รูปแบบที่ซ้ำกัน เช่น "abcabcabc" เดาได้ง่าย' },
  sequences: { en: 'Sequences like "abc" or "1234" are easy to guess', th: 'ลำดับ เช่น "abc" หรือ "1234" เดาได้ง่าย' },
  recentYears: { en: 'Recent years are easy to guess', th: 'ปีในช่วงหลังเดาได้ง่าย' },
  dates: { en: 'Dates are easy to guess', th: 'วันที่เดาได้ง่าย' },
  topTen: { en: 'This is one of the most used passwords', th: 'รหัสผ่านนี้เป็นหนึ่งในรหัสผ่านที่ใช้กันมากที่สุด' },
  topHundred: { en: 'This is a very common password', th: 'รหัสผ่านนี้ใช้กันแพร่หลายมาก' },
  common: { en: 'This is a commonly used password', th: 'รหัสผ่านนี้ใช้กันทั่วไป' },
  similarToCommon: { en: 'This is close to a commonly used password', th: 'รหัสผ่านนี้คล้ายกับรหัสผ่านที่ใช้กันทั่วไป' },
  wordByItself: { en: 'Single words are easy to guess', th: 'คำเดี่ยว ๆ เดาได้ง่าย' },
  namesByThemselves: { en: 'Names on their own are easy to guess', th: 'ชื่อหรือนามสกุลเดี่ยว ๆ เดาได้ง่าย' },
  commonNames: { en: 'Common names are easy to guess', th: 'ชื่อที่พบบ่อยเดาได้ง่าย' },
  userInputs: { en: 'It contains the username', th: 'มีชื่อผู้ใช้อยู่ในรหัสผ่าน' },
};
const OTOP_WORDS: Message = {
  en: 'Place names, OTOP words and this system\'s words (Bueng Kan, its districts, "otop", role names, Buddhist-era years) are among the first an attacker tries',
  th: 'ชื่อสถานที่ คำเกี่ยวกับ OTOP และคำของระบบนี้ (บึงกาฬ ชื่ออำเภอ ตำบล "otop" ชื่อบทบาท ปี พ.ศ.) เป็นคำแรก ๆ ที่ผู้ไม่หวังดีจะลอง',
};

const identity = (keys: Record<string, string>) => Object.fromEntries(Object.keys(keys).map((k) => [k, k]));

const ESTIMATED_LENGTH = 32;
let estimator: ZxcvbnFactory | undefined;
function strength(password: string, userInputs: string[]): ZxcvbnResult {
  // Built on first use (about 0.1 s); Levenshtein matching is off: it costs about 0.2 s a check.
  // zxcvbn's matching grows steeply with length and runs on the event loop (a 200-character
  // sequence took 23 s): only the first ESTIMATED_LENGTH characters are rated (at most ~0.2 s;
  // 32 characters of a passphrase are plenty, and a weak start is a weak password).
  estimator ??= new ZxcvbnFactory({
    maxLength: ESTIMATED_LENGTH,
    dictionary: { ...zxcvbnCommon.dictionary, ...zxcvbnEn.dictionary, otop: otopWords() },
    graphs: zxcvbnCommon.adjacencyGraphs,
    translations: {
      ...zxcvbnEn.translations,
      warnings: identity(zxcvbnEn.translations.warnings),
      suggestions: identity(zxcvbnEn.translations.suggestions),
    } as typeof zxcvbnEn.translations,
  });
  return estimator.check(password, userInputs);
}

/** The username and its parts ('district3801' → district, 3801): guessed before anything else. */
function usernameWords(username: string): string[] {
  const u = username.trim().toLowerCase();
  return [u, ...u.split(/[^a-z0-9]+|(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])/).filter((w) => w.length >= 3)];
}

/** What is wrong with a new password, in Thai and English; empty when it is acceptable. */
export function passwordProblems(password: string, username: string): Message[] {
  const problems: Message[] = [];
  const nfc = password.normalize('NFC');
  const length = [...nfc].length;
  if (length < MIN_PASSWORD_LENGTH) {
    problems.push({
      en: `The password must have at least ${MIN_PASSWORD_LENGTH} characters`,
      th: `รหัสผ่านต้องมีอย่างน้อย ${MIN_PASSWORD_LENGTH} ตัวอักษร`,
    });
  }
  if (length > MAX_PASSWORD_LENGTH) {
    problems.push({ en: `The password may have at most ${MAX_PASSWORD_LENGTH} characters`, th: `รหัสผ่านยาวได้ไม่เกิน ${MAX_PASSWORD_LENGTH} ตัวอักษร` });
  }
  if (password.trim().toLowerCase() === username.trim().toLowerCase()) {
    problems.push({ en: 'The password may not be the username', th: 'รหัสผ่านต้องไม่เหมือนชื่อผู้ใช้' });
  }
  if (problems.length > 0) return problems;

  const result = strength(nfc, usernameWords(username));
  const local = (m: ZxcvbnResult['sequence'][number]) =>
    m.pattern === 'dictionary' && 'dictionaryName' in m && (m.dictionaryName === 'otop' || m.dictionaryName === 'userInputs');
  // zxcvbn rates a chain of a few such words (otopbuengkan2561) just at the threshold; made of
  // nothing else, it is what someone targeting this system tries first.
  const onlyLocal = (r: ZxcvbnResult) => r.sequence.filter((m) => m.pattern !== 'separator').every(local);
  // zxcvbn reads 'sophisai-pakkhat' as guessing the hyphen-joined pieces by brute force: the
  // words are looked for once more with the separators taken out.
  const joined = nfc.replace(/[\s\-_.,/+]+/g, '');
  const onlyLocalWords =
    onlyLocal(result) || (joined !== nfc && joined.length > 0 && joined.length <= 32 && onlyLocal(strength(joined, usernameWords(username))));
  if (result.score >= MIN_PASSWORD_SCORE && !onlyLocalWords) return problems;
  const reasons: Message[] = [];
  const warning = result.feedback.warning ? WARNINGS[result.feedback.warning] : undefined;
  if (warning) reasons.push(warning);
  if (result.sequence.some(local)) reasons.push(OTOP_WORDS);
  const why = reasons.length > 0 ? reasons : [{ en: 'It is made of common words or patterns', th: 'ประกอบด้วยคำหรือรูปแบบที่พบบ่อย' }];
  problems.push({
    en: `The password is too easy to guess (strength ${Math.min(result.score, MIN_PASSWORD_SCORE - 1)} of 4, at least ${MIN_PASSWORD_SCORE} needed): ${why.map((r) => r.en).join('; ')}. Use a longer phrase of unrelated words`,
    th: `รหัสผ่านนี้เดาได้ง่ายเกินไป (ระดับความปลอดภัย ${Math.min(result.score, MIN_PASSWORD_SCORE - 1)} จาก 4 ต้องได้อย่างน้อย ${MIN_PASSWORD_SCORE}): ${why.map((r) => r.th).join(' ')} กรุณาใช้วลีที่ยาวขึ้นจากคำที่ไม่เกี่ยวข้องกัน`,
  });
  return problems;
}
