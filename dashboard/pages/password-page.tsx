import { useState } from 'preact/hooks';
import { ApiError } from '../api/client.ts';
import type { Me } from '../api/types.ts';
import { useApp } from '../app-context.ts';
import { PageHeading } from '../components/page-heading.tsx';
import { ProblemMessage } from '../components/status.tsx';
import { navigate } from '../router.ts';
import { homePath } from '../routes.ts';

const MIN_LENGTH = 10;

export function PasswordPage() {
  const { t, api, me, setMe } = useApp();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [local, setLocal] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    if (next.length < MIN_LENGTH) return setLocal(t.password.tooShort);
    if (next !== confirm) return setLocal(t.password.mismatch);
    setLocal(null);
    setBusy(true);
    try {
      await api.send('POST', '/api/auth/password', { currentPassword: current, newPassword: next });
      // The session may have been renewed with the change; read it again.
      const fresh = await api.get<Me>('/api/me');
      setMe(fresh);
      navigate(homePath(fresh.user), { replace: true });
    } catch (err) {
      setError(err instanceof ApiError ? err : null);
      setBusy(false);
    }
  };

  return (
    <section class="narrow card">
      <PageHeading title={t.password.title} />
      {me?.user.mustChangePassword && (
        <p class="notice" role="status">
          {t.password.firstLogin}
        </p>
      )}
      <form onSubmit={submit} class="stack">
        <div class="field">
          <label for="pw-current">{t.password.current}</label>
          <input id="pw-current" type="password" autoComplete="current-password" required value={current} onInput={(e) => setCurrent(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="pw-next">{t.password.next}</label>
          <input id="pw-next" type="password" autoComplete="new-password" required minLength={MIN_LENGTH} aria-describedby="pw-hint" value={next} onInput={(e) => setNext(e.currentTarget.value)} />
          <p id="pw-hint" class="hint">
            {t.password.hint}
          </p>
        </div>
        <div class="field">
          <label for="pw-confirm">{t.password.confirm}</label>
          <input id="pw-confirm" type="password" autoComplete="new-password" required value={confirm} onInput={(e) => setConfirm(e.currentTarget.value)} />
        </div>
        {local && (
          <p class="field-error" role="alert">
            {local}
          </p>
        )}
        {error && <ProblemMessage problem={error.problem} />}
        <button type="submit" class="primary" disabled={busy}>
          {t.password.submit}
        </button>
      </form>
    </section>
  );
}
