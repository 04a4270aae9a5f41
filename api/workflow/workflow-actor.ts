import type { UserRole } from '../auth/session-user.ts';

/** Who takes a workflow action: a signed-in user, or a script acting as one (CLI, seed). */
export type WorkflowActor = {
  id: string | null;
  username: string;
  role: UserRole;
  provinceCode: string | null;
  districtCode: string | null;
};
