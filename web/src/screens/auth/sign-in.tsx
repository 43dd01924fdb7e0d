import { useState, type FormEvent } from 'react';
import { ApiError, apiRequest } from '../../api/client';
import type { SignInResponse } from '../../api/types';
import { readDeviceToken, saveDeviceToken, saveLogin } from '../../auth/session-store';
import { useT, type Messages } from '../../i18n/i18n';
import { ErrorMessage, Field, fieldError } from '../../ui/components';
import { useAction } from '../../ui/use-action';

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
  const action = useAction();

  function submit(event: FormEvent) {
    event.preventDefault();
    void action.run(async () => {
      try {
        const deviceToken = await readDeviceToken();
        const { data } = await apiRequest<SignInResponse>('/auth/login', {
          method: 'POST',
          anonymous: true,
          body: {
            username,
            password,
            ...(needTotp ? { totp } : {}),
            ...(deviceToken ? { deviceToken } : {}),
          },
        });
        await saveDeviceToken(data.deviceToken);
        await saveLogin(data);
      } catch (e) {
        // The first "code needed" answer only reveals the code field; it is not an error.
        if (e instanceof ApiError && e.code === 'totp_required' && !needTotp) setNeedTotp(true);
        else throw e;
      }
    });
  }

  return (
    <main className="auth-page" id="main">
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      <form onSubmit={submit} className="form" noValidate>
        <ErrorMessage error={action.error} shownFields={['username', 'password', 'totp']} />
        <Field label={t('username')} error={fieldError(action.error, 'username')}>
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
        <Field label={t('password')} error={fieldError(action.error, 'password')}>
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
          <Field label={t('totp')} hint={t('totpHint')} error={fieldError(action.error, 'totp')}>
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
        <button type="submit" className="primary" disabled={action.busy}>
          {action.busy ? t('working') : t('submit')}
        </button>
      </form>
    </main>
  );
}
