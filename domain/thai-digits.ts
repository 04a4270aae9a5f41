const THAI_ZERO = 0x0e50; // ๐

/** Replaces ASCII digits 0–9 with Thai digits ๐–๙; every other character is kept as is. */
export function toThaiDigits(s: string | number): string {
  return String(s).replace(/[0-9]/g, (d) => String.fromCharCode(THAI_ZERO + d.charCodeAt(0) - 48));
}

/** Replaces Thai digits ๐–๙ with ASCII digits 0–9; every other character is kept as is. */
export function toAsciiDigits(s: string): string {
  return s.replace(/[\u0E50-\u0E59]/g, (d) => String.fromCharCode(48 + d.charCodeAt(0) - THAI_ZERO));
}
