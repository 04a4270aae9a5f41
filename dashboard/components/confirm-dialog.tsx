import { useEffect, useRef, useState } from 'preact/hooks';
import { useApp } from '../app-context.ts';

export interface ConfirmRequest {
  title: string;
  body: string;
  confirmLabel: string;
  /** 'required' asks for a reason and refuses an empty one. */
  reason: 'none' | 'optional' | 'required';
  danger?: boolean;
  /** The reason's starting text (a retry keeps what was typed; a report lists the uncertified districts). */
  initialReason?: string;
  /** The server's refusal of the last attempt, shown as a plain message in the dialog. */
  error?: string;
}

/**
 * A modal confirmation on the native <dialog>: focus moves into it and Escape cancels, with
 * no script of ours to trap focus. Resolves with the reason (or '' when none is asked).
 */
export function ConfirmDialog({
  request,
  onClose,
}: {
  request: ConfirmRequest | null;
  onClose: (result: { confirmed: boolean; reason: string }) => void;
}) {
  const { t } = useApp();
  const ref = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  const [invalid, setInvalid] = useState(false);

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (request && !d.open) {
      setReason(request.initialReason ?? '');
      setInvalid(false);
      d.showModal();
    } else if (!request && d.open) d.close();
  }, [request]);

  const submit = (e: Event) => {
    e.preventDefault();
    if (request?.reason === 'required' && reason.trim() === '') {
      setInvalid(true);
      return;
    }
    onClose({ confirmed: true, reason: reason.trim() });
  };

  return (
    <dialog ref={ref} class="confirm" aria-labelledby="confirm-title" onCancel={() => onClose({ confirmed: false, reason: reason.trim() })}>
      {request && (
        <form method="dialog" onSubmit={submit}>
          <h2 id="confirm-title">{request.title}</h2>
          <p>{request.body}</p>
          {request.error && (
            <p class="notice error" role="alert" data-testid="confirm-error">
              {request.error}
            </p>
          )}
          {request.reason !== 'none' && (
            <div class="field">
              <label for="confirm-reason">{request.reason === 'required' ? t.workflow.reason : t.workflow.reasonOptional}</label>
              <textarea
                id="confirm-reason"
                rows={3}
                value={reason}
                aria-required={request.reason === 'required'}
                aria-invalid={invalid}
                aria-describedby={invalid ? 'confirm-reason-error' : undefined}
                onInput={(e) => setReason((e.currentTarget as HTMLTextAreaElement).value)}
              />
              {invalid && (
                <p id="confirm-reason-error" class="field-error">
                  {t.workflow.reasonRequired}
                </p>
              )}
            </div>
          )}
          <div class="actions">
            <button type="button" class="secondary" onClick={() => onClose({ confirmed: false, reason: reason.trim() })}>
              {t.workflow.cancel}
            </button>
            <button type="submit" class={request.danger ? 'danger' : 'primary'}>
              {request.confirmLabel}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
