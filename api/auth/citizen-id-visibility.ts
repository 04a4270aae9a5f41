import type { UserRole } from './session-user.ts';

/** Whether citizen IDs are shown in full or masked (x-xxxx-xxxxx-45-8). */
export type CitizenIdMode = 'full' | 'masked';

/**
 * How a role sees citizen IDs: district and province officers in full — they key them and
 * verify them against the documents — within their own area (`seesFullCitizenIds` in
 * scope.ts); the department and analysts masked, because producer_id already joins the
 * datasets and a national file of 90 000 citizen IDs on an analyst's laptop is a leak waiting
 * to happen. The one rule behind the data routes, the export route and `otop export --as`.
 */
export function citizenIdVisibility(user: { role: UserRole }): CitizenIdMode {
  return user.role === 'district' || user.role === 'province' ? 'full' : 'masked';
}
