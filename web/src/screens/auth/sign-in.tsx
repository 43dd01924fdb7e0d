import { useState, type FormEvent } from 'react';
import { ApiError, apiRequest } from '../../api/client';
import type { LoginResponse } from '../../api/types';
import { saveLogin } from '../../auth/session-store';
import { useT, type Messages } from '../../i18n/i18n';
import { ErrorMessage, Field, fieldError } from '../../ui/components';

const messages = {
  fr: {
    title: 'Connexion',
    intro: 'Toguna — suivi des dialogues et des accords.',
    username: "Nom d'utilisateur",
    password: 'Mot de passe',
    totp: 'Code de vérification (application TOTP)',
    totpHint: 'Les 6 chiffres affichés par votre application d’authentification.',
    submit: 'Se connecter',
    working: 'Connexion…',
  },
  en: {
    title: 'Sign in',
    intro: 'Toguna — dialogue and accord follow-up.',
    username: 'Username',
    password: 'Password',
    totp: 'Verification code (TOTP app)',
    totpHint: 'The 6 digits shown by your authenticator app.',
    submit: 'Sign in',
    working: 'Signing in…',
  },
} satisfies Messages<string>;

export default function SignIn() {
  const t = useT(messages);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [needTotp, setNeedTotp] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { data } = await apiRequest<LoginResponse>('/auth/login', {
        method: 'POST',
        anonymous: true,
        body: { username, password, ...(needTotp ? { totp } : {}) },
      });
      await saveLogin(data);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'totp_required' && !needTotp) setNeedTotp(true);
      else setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="auth-page" id="main">
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      <form onSubmit={(e) => void submit(e)} className="form" noValidate>
        <ErrorMessage error={error} shownFields={['username', 'password', 'totp']} />
        <Field label={t('username')} error={fieldError(error, 'username')}>
          {(p) => (
            <input
              {...p}
              name="username"
              autoComplete="username"
              autoCapitalize="none"
              required
              value={username}
              onChange={(e) => setUsername(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('password')} error={fieldError(error, 'password')}>
          {(p) => (
            <input
              {...p}
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
        {needTotp && (
          <Field label={t('totp')} hint={t('totpHint')} error={fieldError(error, 'totp')}>
            {(p) => (
              <input
                {...p}
                name="totp"
                inputMode="numeric"
                autoComplete="one-time-code"
                pattern="[0-9]*"
                maxLength={6}
                autoFocus
                value={totp}
                onChange={(e) => setTotp(e.target.value)}
              />
            )}
          </Field>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('working') : t('submit')}
        </button>
      </form>
    </main>
  );
}
