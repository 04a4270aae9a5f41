import { problemText } from '../format/problem-text.ts';
import { useState } from 'preact/hooks';
import {
  ACTION_LABELS,
  actionNeedsReason,
  allowedDistrictActions,
  allowedProvinceActions,
  type DistrictAction,
  type DistrictRoundState,
  type ProvinceAction,
  type ProvinceRoundState,
  type Role,
} from '../../domain/round-state.ts';
import { ApiError } from '../api/client.ts';
import { useApp } from '../app-context.ts';
import { label } from '../i18n/messages.ts';
import { ConfirmDialog, type ConfirmRequest } from './confirm-dialog.tsx';
import { ProblemMessage } from './status.tsx';

function workflowRole(role: string): Role | null {
  return role === 'district' || role === 'province' || role === 'department' ? role : null;
}

type Pending = { action: DistrictAction | ProvinceAction; path: string; request: ConfirmRequest };

/** A refusal about the reason itself (422 reason-required / reason-incomplete): fixed in the dialog. */
function reasonRefusal(err: ApiError, lang: 'th' | 'en'): string | null {
  if (!/reason-(required|incomplete)$/.test(err.problem.type)) return null;
  const issue = err.problem.issues?.find((i) => i.column === 'reason');
  if (issue) return lang === 'en' ? issue.message.en : issue.message.th;
  return problemText(err.problem, lang).title;
}

function useActionRunner(onDone: () => void) {
  const { api, t, lang } = useApp();
  const [pending, setPendingState] = useState<Pending | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  // What was typed for each action, kept until it succeeds: a retry never starts from empty.
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const setPending = (p: Pending) => {
    const draft = drafts[p.path];
    setPendingState(draft !== undefined ? { ...p, request: { ...p.request, initialReason: draft } } : p);
  };
  const close = async ({ confirmed, reason }: { confirmed: boolean; reason: string }) => {
    const p = pending;
    setPendingState(null);
    if (!p) return;
    if (!confirmed) {
      if (reason) setDrafts((d) => ({ ...d, [p.path]: reason }));
      return;
    }
    setError(null);
    setDone(null);
    try {
      await api.send('POST', p.path, reason ? { reason } : {});
      setDrafts(({ [p.path]: _, ...rest }) => rest);
      setDone(t.workflow.done(label(lang, ACTION_LABELS[p.action])));
      onDone();
    } catch (err) {
      setDrafts((d) => ({ ...d, [p.path]: reason }));
      const refusal = err instanceof ApiError ? reasonRefusal(err, lang) : null;
      // A reason the server refused: the dialog opens again with the text and the plain message.
      if (refusal) setPendingState({ ...p, request: { ...p.request, initialReason: reason, error: refusal } });
      else setError(err instanceof ApiError ? err : null);
    }
  };
  const feedback = (
    <>
      {done && (
        <p class="notice success" role="status">
          {done}
        </p>
      )}
      {error && <ProblemMessage problem={error.problem} />}
      <ConfirmDialog request={pending?.request ?? null} onClose={close} />
    </>
  );
  return { setPending, feedback };
}

/** The district-level workflow buttons the user's role may press now, each behind a confirmation. */
export function DistrictActions({
  districtCode,
  districtName,
  roundCode,
  roundName,
  state,
  provinceState,
  allowed,
  onDone,
}: {
  /** The server's list (GET /api/rounds/:round/districts/:code); else derived from the states. */
  allowed?: readonly DistrictAction[];
  districtCode: string;
  districtName: string;
  roundCode: string;
  roundName: string;
  state: DistrictRoundState;
  provinceState: ProvinceRoundState;
  onDone: () => void;
}) {
  const { me, t, lang } = useApp();
  const { setPending, feedback } = useActionRunner(onDone);
  const role = me ? workflowRole(me.user.role) : null;
  const actions = allowed ?? (role ? allowedDistrictActions(state, role, provinceState) : []);
  return (
    <div class="workflow-actions">
      {actions.length === 0 ? (
        <p class="muted">{t.district.noActions}</p>
      ) : (
        <div class="button-row">
          {actions.map((a) => {
            const name = label(lang, ACTION_LABELS[a]);
            return (
              <button
                key={a}
                type="button"
                class={a === 'return' || a === 'reopen' ? 'secondary' : 'primary'}
                data-action={a}
                onClick={() =>
                  setPending({
                    action: a,
                    path: `/api/rounds/${encodeURIComponent(roundCode)}/districts/${encodeURIComponent(districtCode)}/${a}`,
                    request: {
                      title: t.workflow.confirmTitle(name),
                      body: t.workflow.confirmBody(name, districtName, roundName),
                      confirmLabel: name,
                      reason: actionNeedsReason(a) ? 'required' : 'none',
                      danger: a === 'return' || a === 'reopen',
                    },
                  })
                }
              >
                {name}
              </button>
            );
          })}
        </div>
      )}
      {feedback}
    </div>
  );
}

/** Province-level buttons (report to the department, announce) for the round in focus. */
export function ProvinceActions({
  provinceCode,
  provinceName,
  roundCode,
  roundName,
  provinceState,
  allCertified,
  allowed,
  uncertified,
  onDone,
}: {
  allowed?: readonly ProvinceAction[];
  /** Districts not yet certified: a report names them in its reason, so the dialog starts with them. */
  uncertified?: readonly { code: string; nameTh: string; nameEn: string }[] | undefined;
  provinceCode: string;
  provinceName: string;
  roundCode: string;
  roundName: string;
  provinceState: ProvinceRoundState;
  allCertified: boolean;
  onDone: () => void;
}) {
  const { me, lang, t } = useApp();
  const { setPending, feedback } = useActionRunner(onDone);
  const role = me ? workflowRole(me.user.role) : null;
  const actions = allowed ?? (role ? allowedProvinceActions(provinceState, role) : []);
  if (actions.length === 0) return feedback;
  return (
    <div class="workflow-actions">
      <div class="button-row">
        {actions.map((a) => {
          const name = label(lang, ACTION_LABELS[a]);
          return (
            <button
              key={a}
              type="button"
              class="primary"
              data-action={a}
              onClick={() =>
                setPending({
                  action: a,
                  path: `/api/rounds/${encodeURIComponent(roundCode)}/provinces/${encodeURIComponent(provinceCode)}/${a}`,
                  request: {
                    title: t.workflow.confirmTitle(name),
                    body: t.workflow.confirmBody(name, provinceName, roundName),
                    confirmLabel: name,
                    reason: actionNeedsReason(a, { allCertified }) ? 'required' : 'none',
                    ...(a === 'report' && uncertified && uncertified.length > 0
                      ? { initialReason: t.attention.reportPrefill(uncertified.map((d) => (lang === 'en' ? d.nameEn : d.nameTh)).join(', ')) }
                      : {}),
                  },
                })
              }
            >
              {name}
            </button>
          );
        })}
      </div>
      {feedback}
    </div>
  );
}
