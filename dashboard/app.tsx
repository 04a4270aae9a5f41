import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ApiError, createApiClient } from './api/client.ts';
import type { Me } from './api/types.ts';
import { AppContext, useApp, type AppContextValue } from './app-context.ts';
import { Link } from './components/link.tsx';
import { ErrorState, Loading } from './components/status.tsx';
import { displayLocale, isDigitStyle, type DigitStyle } from './format/display-locale.ts';
import { localMessages } from './i18n/local-messages.ts';
import { isLang, type Lang } from './i18n/messages.ts';
import { lazyPage } from './lazy-page.tsx';
import { createLiveUpdates, LiveContext } from './live-updates.ts';
import { SignInPage } from './pages/sign-in-page.tsx';
import { PasswordPage } from './pages/password-page.tsx';
import { navigate, useLocation } from './router.ts';
import { homePath, matchRoute, navItems, routeAllowed, type Route } from './routes.ts';

const OverviewPage = lazyPage(() => import('./pages/overview-page.tsx').then((m) => m.OverviewPage));
const DepartmentPage = lazyPage(() => import('./pages/department-page.tsx').then((m) => m.DepartmentPage));
const DistrictPage = lazyPage(() => import('./pages/district-page.tsx').then((m) => m.DistrictPage));
const UploadPage = lazyPage(() => import('./pages/upload-page.tsx').then((m) => m.UploadPage));
const RegisterPage = lazyPage(() => import('./pages/register-page.tsx').then((m) => m.RegisterPage));
const ReportsPage = lazyPage(() => import('./pages/reports-page.tsx').then((m) => m.ReportsPage));
const GuidelinesPage = lazyPage(() => import('./pages/guidelines-page.tsx').then((m) => m.GuidelinesPage));
const AdminPage = lazyPage(() => import('./pages/admin-page.tsx').then((m) => m.AdminPage));

/**
 * The first page's code, and for chart pages the chart chunk, start loading at boot beside
 * GET /api/me instead of after it (the chain me → page → data → charts took 1.0–1.2 s).
 */
function preloadRoute(route: Route): void {
  const chartPage = route.name === 'overview' || route.name === 'department';
  if (route.name === 'overview') OverviewPage.preload();
  else if (route.name === 'department') DepartmentPage.preload();
  else if (route.name === 'district') DistrictPage.preload();
  if (chartPage) void import('./charts/chart-host.ts').catch(() => undefined);
}

const LANG_KEY = 'otop.lang';
const DIGITS_KEY = 'otop.digits';

function saved<T>(key: string, valid: (v: unknown) => v is T, fallback: T): T {
  try {
    const v = localStorage.getItem(key);
    if (valid(v)) return v;
  } catch {
    /* storage may be off */
  }
  return fallback;
}

function remember(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    /* storage may be off */
  }
}

// Arabic digits by default: every figure, date and chart of the dashboard was written in them
// before the setting existed (only a few fixed labels had Thai digits), officers type them
// into the forms and spreadsheets, and the official PDFs keep their own Thai digits anyway.
const DEFAULT_DIGITS: DigitStyle = 'arabic';

export function App() {
  const [lang, setLangState] = useState<Lang>(() => saved(LANG_KEY, isLang, 'th'));
  const [digits, setDigitsState] = useState<DigitStyle>(() => saved(DIGITS_KEY, isDigitStyle, DEFAULT_DIGITS));
  const [me, setMeState] = useState<Me | null>(null);
  const [booting, setBooting] = useState(true);
  const [bootError, setBootError] = useState<ApiError | null>(null);
  const loc = useLocation();
  const route = matchRoute(loc.pathname);
  useState(() => preloadRoute(route));

  const api = useMemo(
    () =>
      createApiClient({
        onUnauthorized: () => {
          setMeState(null);
          api.setCsrfToken(null);
        },
      }),
    [],
  );

  // One event stream per tab, opened while a page watches (components/live-status.tsx).
  const live = useMemo(() => createLiveUpdates(), []);

  const setMe = (next: Me | null) => {
    api.setCsrfToken(next?.csrfToken ?? null);
    setMeState(next);
  };
  const setLang = (next: Lang) => {
    setLangState(next);
    remember(LANG_KEY, next);
  };
  const setDigits = (next: DigitStyle) => {
    setDigitsState(next);
    remember(DIGITS_KEY, next);
  };

  const boot = () => {
    setBooting(true);
    setBootError(null);
    api.get<Me>('/api/me').then(
      (m) => {
        setMe(m);
        setBooting(false);
      },
      (err: unknown) => {
        if (err instanceof ApiError && err.status !== 401 && err.status !== 403) setBootError(err);
        setMe(null);
        setBooting(false);
      },
    );
  };
  useEffect(boot, []);

  // In the same commit as the text (a layout effect runs before the browser paints), so a screen
  // reader never reads English text under lang="th" or the reverse.
  useLayoutEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const locale = useMemo(() => displayLocale(lang, digits), [lang, digits]);
  const t = useMemo(() => localMessages(locale), [locale]);
  const ctx: AppContextValue = { lang, t, setLang, digits, setDigits, locale, me, setMe, api };

  // Where the session says this location should go instead.
  let redirect: string | null = null;
  if (!booting && !bootError) {
    if (!me && route.name !== 'signin') {
      const here = loc.pathname + loc.search;
      redirect = here === '/' ? '/signin' : `/signin?next=${encodeURIComponent(here)}`;
    } else if (me?.user.mustChangePassword && route.name !== 'password') redirect = '/password';
    else if (me && (route.name === 'home' || route.name === 'signin')) redirect = homePath(me.user);
  }
  useEffect(() => {
    if (redirect) navigate(redirect, { replace: true });
  }, [redirect]);

  const firstPage = useRef(true);
  useEffect(() => {
    // After an in-app navigation, start reading from the new page's heading (screen readers
    // and keyboard users); the first page keeps the browser's own start (skip link first).
    if (booting || redirect) return;
    if (firstPage.current) {
      firstPage.current = false;
      return;
    }
    requestAnimationFrame(() => document.querySelector<HTMLElement>('main h1')?.focus());
  }, [loc.pathname, booting, redirect]);

  let body;
  if (booting) body = <Loading />;
  else if (bootError) body = <ErrorState error={bootError} onRetry={boot} />;
  else if (redirect) body = <Loading />;
  else body = <Page route={route} />;

  return (
    <AppContext.Provider value={ctx}>
      <LiveContext.Provider value={live}>
      <a class="skip-link" href="#main">
        {t.skipToContent}
      </a>
      <Header />
      <main id="main" tabIndex={-1}>
        {body}
      </main>
      </LiveContext.Provider>
    </AppContext.Provider>
  );
}

function Page({ route }: { route: Route }) {
  const { me, t } = useApp();
  if (route.name === 'signin') return <SignInPage />;
  if (!me) return <Loading />;
  if (route.name === 'password') return <PasswordPage />;
  if (!routeAllowed(route, me.user)) {
    return (
      <div class="state error" role="alert">
        <h1 tabIndex={-1}>{t.state.forbidden}</h1>
        <Link href={homePath(me.user)}>{t.state.backHome}</Link>
      </div>
    );
  }
  switch (route.name) {
    case 'overview':
      return <OverviewPage province={route.province} />;
    case 'district':
      return <DistrictPage district={route.district} />;
    case 'upload':
      return <UploadPage />;
    case 'register':
      return <RegisterPage />;
    case 'reports':
      return <ReportsPage />;
    case 'department':
      return <DepartmentPage />;
    case 'guidelines':
      return <GuidelinesPage />;
    case 'admin':
      return <AdminPage />;
    default:
      return (
        <div class="state">
          <h1 tabIndex={-1}>{t.notFoundTitle}</h1>
          <Link href="/">{t.state.backHome}</Link>
        </div>
      );
  }
}

function Header() {
  const { t, lang, setLang, me, setMe, api } = useApp();
  const loc = useLocation();
  const signOut = async () => {
    try {
      await api.send('POST', '/api/auth/logout');
    } catch {
      /* the session is dropped on this side either way */
    }
    setMe(null);
    navigate('/signin?signedOut=1', { replace: true });
  };
  const items = me && !me.user.mustChangePassword ? navItems(me.user) : [];
  // On a phone the menu folds behind one button (the header took ~30 % of the screen); it
  // folds again after each navigation.
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [loc.pathname]);
  return (
    <header class="app-header">
      <div class="brand">
        <span class="brand-mark" aria-hidden="true">
          OTOP
        </span>
        <span class="brand-name">{t.appName}</span>
        <span class="brand-short">{t.appShort}</span>
      </div>
      {items.length > 0 && (
        <button type="button" class="menu-toggle secondary small" aria-expanded={menuOpen} aria-controls="main-nav" onClick={() => setMenuOpen(!menuOpen)}>
          {t.attention.menu}
        </button>
      )}
      {items.length > 0 && (
        <nav id="main-nav" aria-label={t.nav.label} class={menuOpen ? 'open' : undefined}>
          <ul>
            {items.map((i) => {
              const current = loc.pathname === i.href || (i.key === 'district' && loc.pathname.startsWith('/district/'));
              return (
                <li key={i.key}>
                  <Link href={i.href} aria-current={current ? 'page' : undefined}>
                    {t.nav[i.key]}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
      )}
      <div class="header-tools">
        {me && (
          // A user name is an identifier ("province38"), shown as typed.
          <span class="who" data-testid="who" data-digits="as-typed">
            {me.user.displayName || me.user.username} · {t.roles[me.user.role]}
          </span>
        )}
        {lang === 'th' && <DigitSetting />}
        <button type="button" class="linklike" lang={lang === 'th' ? 'en' : 'th'} aria-label={t.switchToLabel} onClick={() => setLang(lang === 'th' ? 'en' : 'th')}>
          {t.switchTo}
        </button>
        {me && (
          <button type="button" class="secondary small" onClick={signOut}>
            {t.nav.signOut}
          </button>
        )}
      </div>
    </header>
  );
}

/**
 * The digit style of every figure on the screen (#18: Thai and Arabic digits were mixed on one
 * screen). Offered on Thai screens only: English keeps Arabic digits. Each option shows its own
 * sample, so the control is the one place both styles appear (data-digits="as-typed").
 */
function DigitSetting() {
  const { t, digits, setDigits } = useApp();
  return (
    <label class="digit-setting" data-digits="as-typed">
      <span class="visually-hidden">{t.settings.digits}</span>
      <select class="small" data-testid="digit-setting" value={digits} onChange={(e) => setDigits((e.currentTarget as HTMLSelectElement).value as DigitStyle)}>
        <option value="arabic">{t.settings.arabicDigits} (123)</option>
        <option value="thai">{t.settings.thaiDigits} (๑๒๓)</option>
      </select>
    </label>
  );
}
