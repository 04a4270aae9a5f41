import { useState } from 'preact/hooks';
import { ApiError } from '../api/client.ts';
import type { AdminUser, ListPage, UserRole } from '../api/types.ts';
import { useApp } from '../app-context.ts';
import { ConfirmDialog, type ConfirmRequest } from '../components/confirm-dialog.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { ProblemMessage } from '../components/status.tsx';
import { DataTable } from '../components/data-table.tsx';
import { TypedInMessage } from '../components/typed-in-message.tsx';
import type { TableColumn } from '../components/table-columns.ts';
import { useResource } from '../use-resource.ts';

const ROLES: UserRole[] = ['district', 'province', 'department', 'analyst', 'admin'];

/** Accounts: list, create, disable, and issue activation codes (shown once). */
export function AdminPage() {
  const { api, t } = useApp();
  const res = useResource('/api/admin/users', (signal) => api.get<ListPage<AdminUser> | AdminUser[]>('/api/admin/users', undefined, signal));
  // The user name of the account just created, for the notice.
  const [created, setCreated] = useState<string | null>(null);
  const [code, setCode] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [pending, setPending] = useState<{ request: ConfirmRequest; run: () => Promise<void> } | null>(null);
  const users = res.data ? (Array.isArray(res.data) ? res.data : res.data.items) : [];

  const act = async (run: () => Promise<void>) => {
    setError(null);
    setCreated(null);
    setCode(null);
    try {
      await run();
      res.reload();
    } catch (err) {
      setError(err instanceof ApiError ? err : null);
    }
  };
  const columns: TableColumn<AdminUser>[] = [
    // Names and area codes are shown as typed, whatever the digit setting (data-digits="as-typed").
    { key: 'username', label: t.admin.username, value: (u) => u.username, cell: (u) => <span data-digits="as-typed">{u.username}</span>, className: 'mono' },
    { key: 'displayName', label: t.admin.displayName, value: (u) => u.displayName ?? null, cell: (u) => <span data-digits="as-typed">{u.displayName}</span> },
    { key: 'role', label: t.admin.role, value: (u) => t.roles[u.role] },
    { key: 'scope', label: t.admin.scope, value: (u) => u.districtCode ?? u.provinceCode ?? null, cell: (u) => <span data-digits="as-typed">{u.districtCode ?? u.provinceCode ?? '–'}</span> },
    { key: 'status', label: t.admin.status, value: (u) => (u.disabled ? t.admin.disabled : u.mustChangePassword ? t.admin.mustChange : t.admin.active) },
    {
      key: 'actions',
      label: t.district.actions,
      hiddenLabel: true,
      noExport: true,
      className: 'button-row',
      value: () => null,
      cell: (u) => (
        <>
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
        </>
      ),
    },
  ];
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
            setCreated(input.username);
            showCode(input.username, body);
          })
        }
      />
      {created && (
        <p class="notice success" role="status">
          <TypedInMessage message={t.admin.created} value={created} />
        </p>
      )}
      {code && (
        <div class="notice" role="status">
          <p>
            <strong data-digits="as-typed">{code}</strong>
          </p>
          <p class="small">{t.admin.activationNote}</p>
        </div>
      )}
      {error && <ProblemMessage problem={error.problem} />}
      <DataTable
        columns={columns}
        state={{ rows: res.data ? users : null, error: res.error, reload: res.reload }}
        rowKey={(u) => u.id}
        caption={t.admin.title}
        showCaption
        testId="user-table"
      />
      <OfficeProfileSection />
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

/** The labels of the office section, kept beside it (the section is one self-contained piece). */
const OFFICE_TEXT = {
  th: {
    title: 'สำนักงานผู้ส่งหนังสือ (หัวหนังสือและตราสัญลักษณ์)',
    hint: 'ชื่อ ที่อยู่ โทรศัพท์ อีเมล และตราสัญลักษณ์ที่พิมพ์บนหนังสือนำส่งและสิ่งที่ส่งมาด้วยของจังหวัด',
    province: 'รหัสจังหวัด',
    load: 'เรียกข้อมูล',
    name: 'ชื่อสำนักงาน',
    address: 'ที่อยู่',
    phone: 'โทรศัพท์',
    email: 'อีเมล',
    signer: 'ตำแหน่งผู้ลงนามหนังสือนำส่ง (ถ้ามี)',
    signerHint: 'บรรทัดละหนึ่งบรรทัดที่พิมพ์ใต้ชื่อผู้ลงนาม ไม่เกินสามบรรทัด เว้นว่างไว้: พัฒนาการจังหวัด ปฏิบัติราชการแทน ผู้ว่าราชการจังหวัด',
    save: 'บันทึก',
    saved: 'บันทึกข้อมูลสำนักงานแล้ว',
    notSet: 'ยังไม่ได้ตั้งค่าสำนักงานของจังหวัดนี้',
    emblem: 'ตราสัญลักษณ์ (PNG หรือ JPEG ไม่เกิน 256 KB)',
    upload: 'อัปโหลดตราสัญลักษณ์',
    remove: 'ลบตราสัญลักษณ์',
    current: (w: number, h: number) => `ตราสัญลักษณ์ปัจจุบัน ${w}×${h} พิกเซล`,
  },
  en: {
    title: 'Sending office (letterhead and emblem)',
    hint: 'The name, address, phone, e-mail and emblem printed on the province’s covering letter and its enclosures',
    province: 'Province code',
    load: 'Load',
    name: 'Office name',
    address: 'Address',
    phone: 'Phone',
    email: 'E-mail',
    signer: 'Signer’s position on the covering letter (optional)',
    signerHint: 'One line as printed under the signer’s name on each line, up to three lines. Left blank: the provincial community-development officer, for the governor',
    save: 'Save',
    saved: 'Office saved',
    notSet: 'No office is set for this province yet',
    emblem: 'Emblem (PNG or JPEG, at most 256 KB)',
    upload: 'Upload emblem',
    remove: 'Remove emblem',
    current: (w: number, h: number) => `Current emblem ${w}×${h} pixels`,
  },
} as const;

interface OfficeView {
  name: string;
  address: string;
  phone: string;
  email: string;
  signer: string | null;
  emblem: { type: string; width: number; height: number; bytes: number } | null;
}

/** Admin: the sending office of a province's papers (GET/PUT /api/offices/{province}, POST/DELETE …/emblem). */
function OfficeProfileSection() {
  const { api, lang } = useApp();
  const o = OFFICE_TEXT[lang === 'en' ? 'en' : 'th'];
  const [province, setProvince] = useState('');
  const [form, setForm] = useState<OfficeView | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const base = `/api/offices/${encodeURIComponent(province)}`;
  const run = async (work: () => Promise<void>) => {
    setError(null);
    setStatus(null);
    try {
      await work();
    } catch (err) {
      if (err instanceof ApiError && err.problem.status === 404 && !form) {
        setForm({ name: '', address: '', phone: '', email: '', signer: null, emblem: null });
        setStatus(o.notSet);
      } else setError(err instanceof ApiError ? err : null);
    }
  };
  const set = (patch: Partial<OfficeView>) => {
    if (form) setForm({ ...form, ...patch });
  };
  const field = (key: 'name' | 'address' | 'phone' | 'email') => (
    <div class="field">
      <label for={`office-${key}`}>{o[key]}</label>
      <input id={`office-${key}`} inputMode={key === 'phone' ? 'tel' : key === 'email' ? 'email' : 'text'} required value={form?.[key] ?? ''} onInput={(e) => set({ [key]: e.currentTarget.value })} />
    </div>
  );
  return (
    <details class="card" data-testid="office-profile">
      <summary>{o.title}</summary>
      <p class="small">{o.hint}</p>
      <form
        class="button-row"
        onSubmit={(e) => {
          e.preventDefault();
          setForm(null);
          void run(async () => setForm(await api.get<OfficeView>(base)));
        }}
      >
        <div class="field">
          <label for="office-province">{o.province}</label>
          <input id="office-province" inputMode="numeric" pattern="\d{2}" required value={province} onInput={(e) => setProvince(e.currentTarget.value)} />
        </div>
        <button type="submit" class="secondary">
          {o.load}
        </button>
      </form>
      {form && (
        <form
          class="grid-2"
          onSubmit={(e) => {
            e.preventDefault();
            void run(async () => {
              setForm(await api.send<OfficeView>('PUT', base, { name: form.name, address: form.address, phone: form.phone, email: form.email, signer: form.signer }));
              setStatus(o.saved);
            });
          }}
        >
          {field('name')}
          {field('address')}
          {field('phone')}
          {field('email')}
          <div class="field">
            <label for="office-signer">{o.signer}</label>
            <textarea id="office-signer" rows={3} aria-describedby="office-signer-help" value={form.signer ?? ''} onInput={(e) => set({ signer: e.currentTarget.value })} />
            <p id="office-signer-help" class="hint">
              {o.signerHint}
            </p>
          </div>
          <div class="button-row">
            <button type="submit" class="primary">
              {o.save}
            </button>
          </div>
        </form>
      )}
      {form && (
        <div class="field">
          <label for="office-emblem">{o.emblem}</label>
          {form.emblem && <p class="small">{o.current(form.emblem.width, form.emblem.height)}</p>}
          <input id="office-emblem" type="file" accept="image/png,image/jpeg" onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} />
          <div class="button-row">
            <button
              type="button"
              class="secondary small"
              disabled={!file}
              onClick={() =>
                void run(async () => {
                  const data = new FormData();
                  data.set('emblem', file!);
                  setForm(await api.upload<OfficeView>(`${base}/emblem`, data));
                  setStatus(o.saved);
                })
              }
            >
              {o.upload}
            </button>
            {form.emblem && (
              <button type="button" class="danger small" onClick={() => void run(async () => setForm(await api.send<OfficeView>('DELETE', `${base}/emblem`)))}>
                {o.remove}
              </button>
            )}
          </div>
        </div>
      )}
      {status && (
        <p class="notice" role="status">
          {status}
        </p>
      )}
      {error && <ProblemMessage problem={error.problem} />}
    </details>
  );
}
