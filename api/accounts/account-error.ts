/** Why an account could not be created or changed; `column` names the field at fault. */
export type AccountProblem = { column: string; en: string; th: string };

export class AccountError extends Error {
  constructor(
    readonly kind: 'invalid' | 'username-taken' | 'not-found' | 'self',
    readonly problems: AccountProblem[],
  ) {
    super(problems.map((p) => p.en).join('; ') || kind);
    this.name = 'AccountError';
  }
}
