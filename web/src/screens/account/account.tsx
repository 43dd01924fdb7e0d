import { useState } from 'react';
import type { Role } from '../../api/types';
import { LANGS, formatDate, useLang, useT, type Lang, type Messages } from '../../i18n/i18n';
import { Loaded, Page } from '../../ui/components';
import { useApi } from '../../ui/use-api';
import { ChangePasswordForm } from '../auth/change-password';
import { PhonesSection } from './phones';
import { SessionsSection } from './sessions';
import { TotpSection } from './totp';
import './account.css';

const messages = {
  fr: {
    title: 'Mon compte',
    who: 'Qui je suis',
    name: 'Nom',
    username: "Nom d'utilisateur",
    role: 'Rôle',
    since: 'Compte créé le',
    role_admin: 'Administrateur',
    role_coordinator: 'Coordinateur',
    role_mediator: 'Médiateur',
    role_official: 'Représentant de l’autorité',
    language: 'Langue de l’application',
    lang_fr: 'Français',
    lang_en: 'English (anglais)',
    password: 'Changer mon mot de passe',
    passwordDone: 'Mot de passe changé. Vos autres sessions ont été fermées.',
    panic: 'En cas de danger : « Urgence : tout effacer »',
    panicText:
      "Si votre téléphone risque d'être saisi ou perdu, ouvrez le menu et appuyez sur « Urgence : tout effacer ». Toutes les données de Toguna sur cet appareil sont effacées (dossiers consultés, enregistrements pas encore envoyés) et toutes vos sessions sont fermées, sur tous vos appareils. Vous pourrez vous reconnecter ensuite avec votre mot de passe.",
  },
  en: {
    title: 'My account',
    who: 'Who I am',
    name: 'Name',
    username: 'Username',
    role: 'Role',
    since: 'Account created on',
    role_admin: 'Administrator',
    role_coordinator: 'Coordinator',
    role_mediator: 'Mediator',
    role_official: 'Authority official',
    language: 'App language',
    lang_fr: 'Français (French)',
    lang_en: 'English',
    password: 'Change my password',
    passwordDone: 'Password changed. Your other sessions were closed.',
    panic: 'In danger: “Emergency: erase everything”',
    panicText:
      'If your phone may be seized or lost, open the menu and press “Emergency: erase everything”. All Toguna data on this device is erased (cases you opened, records not yet sent) and all your sessions are closed, on every device. You can sign in again later with your password.',
  },
} satisfies Messages<string>;

interface Me {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  totpEnabled: boolean;
  createdAt: string;
}

function LanguageChoice() {
  const t = useT(messages);
  const { lang, setLang } = useLang();
  return (
    <fieldset>
      <legend>{t('language')}</legend>
      {LANGS.map((l: Lang) => (
        <label key={l} className="checkbox" lang={l}>
          <input
            type="radio"
            name="lang"
            value={l}
            checked={lang === l}
            onChange={() => setLang(l)}
          />
          {t(`lang_${l}`)}
        </label>
      ))}
    </fieldset>
  );
}

export default function Account() {
  const t = useT(messages);
  const { lang } = useLang();
  const me = useApi<Me>('/auth/me');
  const [passwordDone, setPasswordDone] = useState(false);
  // Enabling TOTP ends the other sessions: the list is read again.
  const [sessionsRead, setSessionsRead] = useState(0);

  return (
    <Page title={t('title')}>
      <section aria-labelledby="who-heading" className="account-section">
        <h2 id="who-heading">{t('who')}</h2>
        <Loaded state={me}>
          {(user) => (
            <dl className="facts">
              <dt>{t('name')}</dt>
              <dd>{user.displayName}</dd>
              <dt>{t('username')}</dt>
              <dd>{user.username}</dd>
              <dt>{t('role')}</dt>
              <dd>{t(`role_${user.role}`)}</dd>
              <dt>{t('since')}</dt>
              <dd>{formatDate(user.createdAt, lang)}</dd>
            </dl>
          )}
        </Loaded>
        <LanguageChoice />
      </section>

      <section aria-labelledby="password-heading" className="account-section">
        <h2 id="password-heading">{t('password')}</h2>
        {passwordDone && (
          <p className="alert alert-success" role="status">
            {t('passwordDone')}
          </p>
        )}
        <ChangePasswordForm onDone={() => setPasswordDone(true)} />
      </section>

      {me.data && (
        <TotpSection
          enabled={me.data.totpEnabled}
          onEnabled={() => {
            me.reload();
            setSessionsRead((n) => n + 1);
          }}
        />
      )}

      <PhonesSection />

      <SessionsSection key={sessionsRead} />

      <section aria-labelledby="panic-heading" className="account-section">
        <h2 id="panic-heading">{t('panic')}</h2>
        <p>{t('panicText')}</p>
      </section>
    </Page>
  );
}
