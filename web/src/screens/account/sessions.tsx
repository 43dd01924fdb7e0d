import { api } from '../../api/client';
import { formatDateTime, useLang, useT, type Messages } from '../../i18n/i18n';
import { ErrorMessage, Loaded } from '../../ui/components';
import { useApi } from '../../ui/use-api';
import { useAction } from '../../ui/use-action';

const messages = {
  fr: {
    heading: 'Mes sessions ouvertes',
    intro: 'Les appareils où vous êtes connecté. Fermez celles que vous ne reconnaissez pas.',
    device: 'Appareil inconnu',
    on: '{browser} sur {os}',
    current: 'Cet appareil',
    created: 'Ouverte le {date}',
    lastUsed: 'Dernière utilisation le {date}',
    end: 'Fermer cette session',
    confirmEnd: 'Fermer la session « {device} » ? Cet appareil devra se reconnecter.',
    list: 'Sessions',
  },
  en: {
    heading: 'My open sessions',
    intro: 'The devices where you are signed in. End the ones you do not recognise.',
    device: 'Unknown device',
    on: '{browser} on {os}',
    current: 'This device',
    created: 'Opened on {date}',
    lastUsed: 'Last used on {date}',
    end: 'End this session',
    confirmEnd: 'End the session “{device}”? That device will have to sign in again.',
    list: 'Sessions',
  },
} satisfies Messages<string>;

interface SessionItem {
  id: string;
  createdAt: string;
  lastUsedAt: string;
  expiresAt: string;
  userAgent: string | null;
  current: boolean;
}

const BROWSERS: [RegExp, string][] = [
  [/Edg\//, 'Edge'],
  [/Firefox\//, 'Firefox'],
  [/OPR\//, 'Opera'],
  [/Chrome\//, 'Chrome'],
  [/Safari\//, 'Safari'],
];
const SYSTEMS: [RegExp, string][] = [
  [/Android/, 'Android'],
  [/iPhone|iPad/, 'iOS'],
  [/Windows/, 'Windows'],
  [/Mac OS X/, 'macOS'],
  [/Linux/, 'Linux'],
];

/** A short name for the device from its User-Agent ("Chrome sur Android"). */
function deviceName(
  ua: string | null,
  t: (key: keyof typeof messages.fr, params?: Record<string, string>) => string,
) {
  if (!ua) return t('device');
  const browser = BROWSERS.find(([re]) => re.test(ua))?.[1];
  const os = SYSTEMS.find(([re]) => re.test(ua))?.[1];
  if (browser && os) return t('on', { browser, os });
  return browser ?? os ?? t('device');
}

export function SessionsSection() {
  const t = useT(messages);
  const { lang } = useLang();
  const sessions = useApi<{ items: SessionItem[] }>('/auth/sessions');
  const action = useAction();

  function end(s: SessionItem, name: string) {
    if (!window.confirm(t('confirmEnd', { device: name }))) return;
    void action.run(async () => {
      await api.delete(`/auth/sessions/${s.id}`);
      sessions.reload();
    });
  }

  return (
    <section aria-labelledby="sessions-heading" className="account-section">
      <h2 id="sessions-heading">{t('heading')}</h2>
      <p>{t('intro')}</p>
      <ErrorMessage error={action.error} />
      <Loaded state={sessions}>
        {(data) => (
          <ul className="cards" aria-label={t('list')}>
            {data.items.map((s) => {
              const name = deviceName(s.userAgent, t);
              return (
                <li key={s.id} className="card" data-testid="session">
                  <h3 className="card-title">
                    {name} {s.current && <span className="pill pill-info">{t('current')}</span>}
                  </h3>
                  <p>{t('created', { date: formatDateTime(s.createdAt, lang) })}</p>
                  <p>{t('lastUsed', { date: formatDateTime(s.lastUsedAt, lang) })}</p>
                  {!s.current && (
                    <button type="button" className="danger" onClick={() => end(s, name)}>
                      {t('end')}
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </Loaded>
    </section>
  );
}
