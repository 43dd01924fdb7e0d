import { Suspense, lazy, useEffect, useRef, useState } from 'react';
import { Link, Redirect, Route, Router, Switch, useLocation } from 'wouter';
import { setSignedOutHandler } from './api/client';
import { useFragmentLocation, useFragmentSearch } from './hash-location';
import { panic, signOut } from './auth/panic';
import { useUser } from './auth/session';
import { LANGS, useLang, useT, type Messages } from './i18n/i18n';
import { startOutboxSync } from './offline/outbox';
import { useOnline, useOutbox } from './offline/use-outbox';
import { HOME, ROUTES, type ScreenRoute } from './routes';
import SignIn from './screens/auth/sign-in';
import ChangePassword from './screens/auth/change-password';
import { Loading, Page } from './ui/components';
import { ScreenBoundary } from './ui/screen-boundary';

const Verify = lazy(() => import('./screens/verify/verify'));

const messages = {
  fr: {
    skip: 'Aller au contenu',
    menu: 'Menu',
    nav: 'Navigation principale',
    dashboard: 'Tableau de bord',
    cases: 'Dossiers',
    meetings: 'Rencontres',
    missionOrders: 'Ordres de mission',
    notifications: 'Notifications',
    verify: 'Vérifier un ordre',
    outbox: "File d'envoi",
    account: 'Mon compte',
    users: 'Utilisateurs',
    associations: 'Associations',
    authorities: 'Autorités',
    areas: 'Communes',
    signOut: 'Se déconnecter',
    panic: 'Urgence : tout effacer',
    wiping: 'Effacement…',
    panicConfirm:
      "Effacer toutes les données de cet appareil et fermer toutes vos sessions ? Ce qui n'a pas été envoyé sera perdu.",
    offline: 'Hors ligne',
    queued: '{n} en attente',
    language: 'Langue',
    notFound: 'Page introuvable',
    notFoundText: "Cette page n'existe pas ou ne vous est pas accessible.",
    home: "Retour à l'accueil",
    signOutQueued:
      '{n} enregistrement(s) pas encore envoyé(s) resteront sur cet appareil jusqu’à votre prochaine connexion. Se déconnecter ?',
  },
  en: {
    skip: 'Skip to content',
    menu: 'Menu',
    nav: 'Main navigation',
    dashboard: 'Dashboard',
    cases: 'Cases',
    meetings: 'Meetings',
    missionOrders: 'Mission orders',
    notifications: 'Notifications',
    verify: 'Verify an order',
    outbox: 'Outbox',
    account: 'My account',
    users: 'Users',
    associations: 'Associations',
    authorities: 'Authorities',
    areas: 'Communes',
    signOut: 'Sign out',
    panic: 'Emergency: erase everything',
    wiping: 'Erasing…',
    panicConfirm:
      'Erase all data on this device and close all your sessions? Anything not yet sent will be lost.',
    offline: 'Offline',
    queued: '{n} waiting',
    language: 'Language',
    notFound: 'Page not found',
    notFoundText: 'This page does not exist or is not open to you.',
    home: 'Back to the start',
    signOutQueued:
      '{n} record(s) not yet sent will stay on this device until you sign in again. Sign out?',
  },
} satisfies Messages<string>;

function LanguageSwitch() {
  const { lang, setLang } = useLang();
  const t = useT(messages);
  return (
    <div className="lang-switch" role="group" aria-label={t('language')}>
      {LANGS.map((l) => (
        <button key={l} type="button" lang={l} aria-pressed={l === lang} onClick={() => setLang(l)}>
          {l.toUpperCase()}
        </button>
      ))}
    </div>
  );
}

function Header() {
  const t = useT(messages);
  const user = useUser();
  const online = useOnline();
  const outbox = useOutbox();
  const [location] = useLocation();
  const [open, setOpen] = useState(false);
  const [wiping, setWiping] = useState(false);
  useEffect(() => setOpen(false), [location]);
  const menu = user
    ? ROUTES.filter((r) => r.menu && (r.roles === 'all' || r.roles.includes(user.role)))
    : [];

  return (
    <header className="app-header">
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        {t('skip')}
      </a>
      <div className="bar">
        <Link href={user ? HOME[user.role] : '/'} className="brand">
          Toguna
        </Link>
        <div className="status">
          {!online && (
            <span className="pill pill-warning" role="status">
              {t('offline')}
            </span>
          )}
          {outbox.length > 0 && (
            <Link href="/outbox" className="pill pill-info" data-testid="outbox-count">
              {t('queued', { n: outbox.length })}
            </Link>
          )}
        </div>
        {!user && <LanguageSwitch />}
        {user && (
          <button
            type="button"
            className="menu-toggle"
            aria-expanded={open}
            aria-controls="main-nav"
            onClick={() => setOpen((o) => !o)}
          >
            {/* Three bars, not the word: the header keeps one row at 360 px offline. */}
            <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
              <path d="M3 6h18M3 12h18M3 18h18" stroke="currentColor" strokeWidth="2.5" />
            </svg>
            <span className="visually-hidden">{t('menu')}</span>
          </button>
        )}
      </div>
      {user && (
        <nav id="main-nav" aria-label={t('nav')} className={open ? 'nav open' : 'nav'}>
          <ul>
            <li className="nav-lang">
              <LanguageSwitch />
            </li>
            {menu.map((r) => (
              <li key={r.path}>
                <Link href={r.path} aria-current={location === r.path ? 'page' : undefined}>
                  {t(r.menu!)}
                </Link>
              </li>
            ))}
            <li>
              <Link href="/verify">{t('verify')}</Link>
            </li>
            <li className="nav-end">
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  if (
                    outbox.length === 0 ||
                    window.confirm(t('signOutQueued', { n: outbox.length }))
                  )
                    void signOut();
                }}
              >
                {t('signOut')}
              </button>
            </li>
            <li>
              <button
                type="button"
                className="danger"
                data-testid="panic"
                disabled={wiping}
                onClick={() => {
                  if (!window.confirm(t('panicConfirm'))) return;
                  setWiping(true);
                  void panic();
                }}
              >
                {wiping ? t('wiping') : t('panic')}
              </button>
            </li>
          </ul>
        </nav>
      )}
    </header>
  );
}

function NotFound() {
  const t = useT(messages);
  return (
    <Page title={t('notFound')}>
      <p>{t('notFoundText')}</p>
      <Link href="/">{t('home')}</Link>
    </Page>
  );
}

/**
 * A screen is mounted afresh for every path: opening another record (a link
 * from case A to case B keeps the same route) starts from nothing, with none
 * of the previous record's data, choices or half-filled forms.
 */
function Screen({ route }: { route: ScreenRoute }) {
  const [location] = useLocation();
  const Component = route.screen;
  return <Component key={location} />;
}

function SignedInRoutes() {
  const user = useUser()!;
  const routes = ROUTES.filter((r) => r.roles === 'all' || r.roles.includes(user.role));
  return (
    <Switch>
      <Route path="/">
        <Redirect to={HOME[user.role]} replace />
      </Route>
      {routes.map((r) => (
        <Route key={r.path} path={r.path}>
          <Screen route={r} />
        </Route>
      ))}
      <Route component={NotFound} />
    </Switch>
  );
}

function Shell() {
  const user = useUser();
  const [location, navigate] = useLocation();
  useEffect(() => setSignedOutHandler(() => navigate('/')), [navigate]);
  useEffect(() => (user ? startOutboxSync() : undefined), [user]);
  // Every new screen starts at its top, with focus on the page for screen readers
  // (not on the link that was followed, which is gone).
  const first = useRef(true);
  useEffect(() => {
    window.scrollTo(0, 0);
    if (first.current) first.current = false;
    else document.getElementById('main')?.focus({ preventScroll: true });
  }, [location]);

  let content;
  if (location === '/verify') content = <Verify />;
  else if (!user)
    return (
      <>
        <Header />
        <SignIn />
      </>
    );
  else if (user.mustChangePassword)
    return (
      <>
        <Header />
        <ChangePassword />
      </>
    );
  else content = <SignedInRoutes />;

  return (
    <>
      <Header />
      <main id="main" tabIndex={-1}>
        <ScreenBoundary key={location}>
          <Suspense fallback={<Loading />}>{content}</Suspense>
        </ScreenBoundary>
      </main>
    </>
  );
}

export function App() {
  return (
    <Router hook={useFragmentLocation} searchHook={useFragmentSearch}>
      <Shell />
    </Router>
  );
}
