import { useState } from 'preact/hooks';
import { ApiError } from '../api/client.ts';
import type { Me } from '../api/types.ts';
import { useApp } from '../app-context.ts';
import { PageHeading } from '../components/page-heading.tsx';
import { ProblemMessage } from '../components/status.tsx';
import { navigate } from '../router.ts';
import { homePath } from '../routes.ts';

/** Only same-site paths are followed after sign-in (no open redirect through ?next=). */
export function safeNext(next: string | null): string | null {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/signin') ? next : null;
}

export function SignInPage() {
  const { t, api, setMe } = useApp();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const params = new URLSearchParams(window.location.search);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const me = await api.send<Me>('POST', '/api/auth/login', { username: username.trim(), password });
      setMe(me);
      navigate(me.user.mustChangePassword ? '/password' : (safeNext(params.get('next')) ?? homePath(me.user)), { replace: true });
    } catch (err) {
      setError(err instanceof ApiError ? err : null);
      setBusy(false);
    }
  };

  return (
    <section class="narrow card">
      <PageHeading title={t.signIn.title} />
      {params.has('signedOut') && (
        <p class="notice" role="status">
          {t.signIn.signedOut}
        </p>
      )}
      <p class="muted">{t.signIn.intro}</p>
      <form onSubmit={submit} class="stack" aria-busy={busy}>
        <div class="field">
          <label for="username">{t.signIn.username}</label>
          <input id="username" name="username" autoComplete="username" required value={username} onInput={(e) => setUsername(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="password">{t.signIn.password}</label>
          <input id="password" name="password" type="password" autoComplete="current-password" required value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
        </div>
        {error && <ProblemMessage problem={error.problem} />}
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t.signIn.busy : t.signIn.submit}
        </button>
      </form>
    </section>
  );
}
