/** Offset between the Buddhist Era used on Thai official documents and the Common Era. */
export const BE_OFFSET = 543;

/** Common Era year → Buddhist Era year (2017 → 2560). */
export function ceToBe(year: number): number {
  return year + BE_OFFSET;
}

/** Buddhist Era year → Common Era year (2560 → 2017). */
export function beToCe(year: number): number {
  return year - BE_OFFSET;
}
