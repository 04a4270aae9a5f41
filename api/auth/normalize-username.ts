/** Usernames are compared without regard to case or surrounding spaces. */
export function normalizeUsername(input: string): string {
  return input.normalize('NFC').trim().toLowerCase();
}
