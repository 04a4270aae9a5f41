/** Who administers an account: an admin user, or the command line (id null, username 'cli'). */
export type AccountActor = { id: string | null; username: string };

export const CLI_ACTOR: AccountActor = { id: null, username: 'cli' };
