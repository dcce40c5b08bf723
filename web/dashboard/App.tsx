/**
 * The dashboard shell: skip link, header (who, navigation, language, sign-out), the view of the current route, and
 * the live region for "done" messages. Signed out, every route shows the sign-in form.
 */
import { useEffect, useState } from 'preact/hooks';
import { ApiError, getJson, onUnauthenticated, postJson } from './api';
import { lang, otherLang, setLang, t, useLang } from './i18n';
import { navigate, useRoute, type Route } from './router';
import { SessionContext, isAdmin } from './session';
import { useToast } from './toast';
import type { Me } from './types';
import { InboxView } from './views/Inbox';
import { ItemView } from './views/Item';
import { LoginView } from './views/Login';
import { ReportsView } from './views/Reports';
import { ConsultationsView } from './views/Consultations';

/** Who is signed in, as one line. */
function whoLine(me: Me): string {
  const where = isAdmin(me) ? t('header.admin') : (me.agencyName?.[lang()] ?? '');
  const name = me.name ? `${me.name} (${me.email})` : me.email;
  return t('header.signedInAs', { email: name }) + (where ? ` · ${where}` : '');
}

function Nav({ route }: { route: Route }) {
  const link = (name: Route['name'], href: string, label: string) => (
    <li>
      <a href={href} aria-current={route.name === name ? 'page' : undefined}>
        {label}
      </a>
    </li>
  );
  return (
    <nav class="nav" aria-label={t('ui.nav.label')}>
      <ul>
        {link('inbox', '#/inbox', t('ui.nav.inbox'))}
        {link('reports', '#/reports', t('ui.nav.reports'))}
        {link('consultations', '#/consultations', t('ui.nav.consultations'))}
      </ul>
    </nav>
  );
}

function Header({ me, route, onLogout }: { me: Me | null; route: Route; onLogout: () => void }) {
  const other = otherLang();
  return (
    <header class="bar">
      <span class="brand">{t('appName')}</span>
      <span id="who" class="who">
        {me ? whoLine(me) : ''}
      </span>
      {me ? <Nav route={route} /> : null}
      <span class="bar-actions">
        <button
          type="button"
          id="lang-switch"
          class="bar-button"
          lang={other}
          aria-label={t('switchLanguageLabel')}
          onClick={() => setLang(other)}
        >
          {t('switchLanguage')}
        </button>
        {me ? (
          <button type="button" id="logout" class="bar-button" onClick={onLogout}>
            {t('header.logout')}
          </button>
        ) : null}
      </span>
    </header>
  );
}

function CurrentView({ route, me }: { route: Route; me: Me }) {
  switch (route.name) {
    case 'item':
      return <ItemView key={route.ref} reference={route.ref} />;
    case 'reports':
      return <ReportsView filters={route.filters} dropped={route.dropped} />;
    case 'consultations':
      return <ConsultationsView />;
    default:
      return <InboxView filters={route.filters} me={me} />;
  }
}

/** The whole page. */
export function App() {
  useLang();
  const route = useRoute();
  const toast = useToast();
  // undefined: still asking the server whether a session exists.
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [loginMessage, setLoginMessage] = useState('');

  useEffect(() => {
    document.documentElement.lang = lang();
    document.title = t('title');
    getJson<{ staff: Me }>('/me').then(
      (r) => setMe(r.staff),
      (e: ApiError) => {
        setLoginMessage(e.status === 401 ? '' : e.message);
        setMe(null);
      },
    );
    return onUnauthenticated((e) => {
      setLoginMessage(e.message);
      setMe(null);
    });
  }, []);

  const logout = () => {
    postJson('/logout', {})
      .catch(() => undefined)
      .then(() => {
        setLoginMessage('');
        setMe(null);
      });
  };
  // After signing in, stay where the link pointed (an item, filters, reports); a bare page opens the inbox.
  const signedIn = (staff: Me) => {
    setMe(staff);
    if (!/^#\/(inbox|item|feedback|reports|consultations)/.test(location.hash)) navigate('#/inbox');
  };

  return (
    <SessionContext.Provider value={me ?? null}>
      <a class="skip" href="#main" onClick={skipToMain}>
        {t('skip')}
      </a>
      <Header me={me ?? null} route={route} onLogout={logout} />
      <main id="main" tabIndex={-1}>
        {me === undefined ? null : me === null ? (
          <LoginView message={loginMessage} onSignedIn={signedIn} />
        ) : (
          <CurrentView route={route} me={me} />
        )}
      </main>
      <div id="toast" class="toast" role="status" aria-live="polite">
        {toast}
      </div>
    </SessionContext.Provider>
  );
}

/** The skip link moves focus to <main> without changing the route's hash. */
function skipToMain(ev: Event): void {
  ev.preventDefault();
  document.getElementById('main')?.focus();
}
