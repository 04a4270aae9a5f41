import { useState } from 'preact/hooks';
import { ApiError } from '../api/client.ts';
import type { AdminUser, ListPage, UserRole } from '../api/types.ts';
import { useApp } from '../app-context.ts';
import { ConfirmDialog, type ConfirmRequest } from '../components/confirm-dialog.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { Empty, ErrorState, Loading, ProblemMessage } from '../components/status.tsx';
import { useResource } from '../use-resource.ts';
import { ScrollRegion } from '../components/scroll-region.tsx';

const ROLES: UserRole[] = ['district', 'province', 'department', 'analyst', 'admin'];

/** Accounts: list, create, disable, and issue activation codes (shown once). */
export function AdminPage() {
  const { api, t } = useApp();
  const res = useResource('/api/admin/users', (signal) => api.get<ListPage<AdminUser> | AdminUser[]>('/api/admin/users', undefined, signal));
  const [notice, setNotice] = useState<string | null>(null);
  const [code, setCode] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [pending, setPending] = useState<{ request: ConfirmRequest; run: () => Promise<void> } | null>(null);
  const users = res.data ? (Array.isArray(res.data) ? res.data : res.data.items) : [];

  const act = async (run: () => Promise<void>) => {
    setError(null);
    setNotice(null);
    setCode(null);
    try {
      await run();
      res.reload();
    } catch (err) {
      setError(err instanceof ApiError ? err : null);
    }
  };
  const showCode = (username: string, body: unknown) => {
    const c = (body as { activationCode?: string } | null)?.activationCode;
    if (c) setCode(t.admin.activationCode(username, c));
  };

  return (
    <section class="admin">
      <PageHeading title={t.admin.title} />
      <CreateUser
        onCreate={(input) =>
          act(async () => {
            // The API takes one scope code: the district for a district account, the province for a province account.
            const body = await api.send<unknown>('POST', '/api/admin/users', {
              username: input.username,
              role: input.role,
              ...(input.displayName ? { displayName: input.displayName } : {}),
              ...(input.districtCode || input.provinceCode ? { scope: input.districtCode || input.provinceCode } : {}),
            });
            setNotice(t.admin.created(input.username));
            showCode(input.username, body);
          })
        }
      />
      {notice && (
        <p class="notice success" role="status">
          {notice}
        </p>
      )}
      {code && (
        <div class="notice" role="status">
          <p>
            <strong>{code}</strong>
          </p>
          <p class="small">{t.admin.activationNote}</p>
        </div>
      )}
      {error && <ProblemMessage problem={error.problem} />}
      {res.error ? (
        <ErrorState error={res.error} onRetry={res.reload} />
      ) : res.loading && !res.data ? (
        <Loading />
      ) : users.length === 0 ? (
        <Empty />
      ) : (
        <ScrollRegion label={t.admin.title}>
          <table class="data" data-testid="user-table">
            <caption>{t.admin.title}</caption>
            <thead>
              <tr>
                <th scope="col">{t.admin.username}</th>
                <th scope="col">{t.admin.displayName}</th>
                <th scope="col">{t.admin.role}</th>
                <th scope="col">{t.admin.scope}</th>
                <th scope="col">{t.admin.status}</th>
                <th scope="col">
                  <span class="visually-hidden">{t.district.actions}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id}>
                  <td class="mono">{u.username}</td>
                  <td>{u.displayName}</td>
                  <td>{t.roles[u.role]}</td>
                  <td>{u.districtCode ?? u.provinceCode ?? '–'}</td>
                  <td>{u.disabled ? t.admin.disabled : u.mustChangePassword ? t.admin.mustChange : t.admin.active}</td>
                  <td class="button-row">
                    <button
                      type="button"
                      class="secondary small"
                      onClick={() =>
                        setPending({
                          request: { title: t.admin.reset, body: u.username, confirmLabel: t.admin.reset, reason: 'none' },
                          run: async () => showCode(u.username, await api.send<unknown>('POST', `/api/admin/users/${encodeURIComponent(u.id)}/reset`)),
                        })
                      }
                    >
                      {t.admin.reset}
                    </button>
                    {!u.disabled && (
                      <button
                        type="button"
                        class="danger small"
                        onClick={() =>
                          setPending({
                            request: { title: t.admin.disable, body: u.username, confirmLabel: t.admin.disable, reason: 'none', danger: true },
                            run: async () => {
                              await api.send('POST', `/api/admin/users/${encodeURIComponent(u.id)}/disable`);
                            },
                          })
                        }
                      >
                        {t.admin.disable}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      <ConfirmDialog
        request={pending?.request ?? null}
        onClose={({ confirmed }) => {
          const p = pending;
          setPending(null);
          if (confirmed && p) void act(p.run);
        }}
      />
    </section>
  );
}

interface NewUser {
  username: string;
  displayName: string;
  role: UserRole;
  provinceCode: string | null;
  districtCode: string | null;
}

function CreateUser({ onCreate }: { onCreate: (u: NewUser) => Promise<void> }) {
  const { t } = useApp();
  const [u, setU] = useState<NewUser>({ username: '', displayName: '', role: 'district', provinceCode: '', districtCode: '' });
  const set = (patch: Partial<NewUser>) => setU({ ...u, ...patch });
  return (
    <details class="card">
      <summary>{t.admin.createTitle}</summary>
      <form
        class="grid-2"
        onSubmit={(e) => {
          e.preventDefault();
          void onCreate({
            ...u,
            provinceCode: u.role === 'district' || u.role === 'province' ? u.provinceCode || null : null,
            districtCode: u.role === 'district' ? u.districtCode || null : null,
          });
        }}
      >
        <div class="field">
          <label for="nu-username">{t.admin.username}</label>
          <input id="nu-username" required value={u.username} onInput={(e) => set({ username: e.currentTarget.value })} />
        </div>
        <div class="field">
          <label for="nu-display">{t.admin.displayName}</label>
          <input id="nu-display" value={u.displayName} onInput={(e) => set({ displayName: e.currentTarget.value })} />
        </div>
        <div class="field">
          <label for="nu-role">{t.admin.role}</label>
          <select id="nu-role" value={u.role} onChange={(e) => set({ role: e.currentTarget.value as UserRole })}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t.roles[r]}
              </option>
            ))}
          </select>
        </div>
        {(u.role === 'district' || u.role === 'province') && (
          <div class="field">
            <label for="nu-province">{t.admin.provinceCode}</label>
            <input id="nu-province" inputMode="numeric" pattern="\d{2}" required value={u.provinceCode ?? ''} onInput={(e) => set({ provinceCode: e.currentTarget.value })} />
          </div>
        )}
        {u.role === 'district' && (
          <div class="field">
            <label for="nu-district">{t.admin.districtCode}</label>
            <input id="nu-district" inputMode="numeric" pattern="\d{4}" required value={u.districtCode ?? ''} onInput={(e) => set({ districtCode: e.currentTarget.value })} />
          </div>
        )}
        <div class="button-row">
          <button type="submit" class="primary">
            {t.admin.create}
          </button>
        </div>
      </form>
    </details>
  );
}
