import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { getSession, updateUser } from '../../auth/session-store';
import { useT, type Messages } from '../../i18n/i18n';
import { ErrorMessage, Field, fieldError } from '../../ui/components';
import { useAction } from '../../ui/use-action';
import { PASSWORD_RULE } from '../../api/vocabulary';

const messages = {
  fr: {
    title: 'Choisissez un nouveau mot de passe',
    intro:
      'Votre mot de passe a été donné par un administrateur : remplacez-le avant de continuer. Les autres sessions seront fermées.',
    current: 'Mot de passe actuel',
    next: 'Nouveau mot de passe',
    hint: `${PASSWORD_RULE.fr} Une phrase de plusieurs mots est plus facile à retenir.`,
    confirm: 'Confirmer le nouveau mot de passe',
    mismatch: 'Les deux mots de passe ne sont pas identiques.',
    submit: 'Changer le mot de passe',
  },
  en: {
    title: 'Choose a new password',
    intro:
      'Your password was given by an administrator: replace it before going on. Your other sessions will be closed.',
    current: 'Current password',
    next: 'New password',
    hint: `${PASSWORD_RULE.en} A phrase of several words is easier to remember.`,
    confirm: 'Confirm the new password',
    mismatch: 'The two passwords differ.',
    submit: 'Change password',
  },
} satisfies Messages<string>;

/** Also used by the account screen: `onDone` runs after a successful change. */
export function ChangePasswordForm({ onDone }: { onDone?: () => void }) {
  const t = useT(messages);
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const action = useAction();
  const [mismatch, setMismatch] = useState(false);

  function submit(event: FormEvent) {
    event.preventDefault();
    setMismatch(newPassword !== confirm);
    if (newPassword !== confirm) return;
    void action.run(async () => {
      await api.post('/auth/password', { currentPassword, newPassword });
      const session = getSession();
      if (session) await updateUser({ ...session.user, mustChangePassword: false });
      setCurrent('');
      setNext('');
      setConfirm('');
      onDone?.();
    });
  }

  return (
    <form onSubmit={submit} className="form" noValidate>
      <ErrorMessage error={action.error} shownFields={['currentPassword', 'newPassword']} />
      <Field label={t('current')} error={fieldError(action.error, 'currentPassword')}>
        {(p) => (
          <input
            {...p}
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            value={currentPassword}
            onChange={(e) => setCurrent(e.target.value)}
          />
        )}
      </Field>
      <Field label={t('next')} hint={t('hint')} error={fieldError(action.error, 'newPassword')}>
        {(p) => (
          <input
            {...p}
            name="newPassword"
            type="password"
            autoComplete="new-password"
            value={newPassword}
            onChange={(e) => setNext(e.target.value)}
          />
        )}
      </Field>
      <Field label={t('confirm')} error={mismatch ? t('mismatch') : undefined}>
        {(p) => (
          <input
            {...p}
            name="confirmPassword"
            type="password"
            autoComplete="new-password"
            value={confirm}
            onChange={(e) => setConfirm(e.target.value)}
          />
        )}
      </Field>
      <button type="submit" className="primary" disabled={action.busy}>
        {t('submit')}
      </button>
    </form>
  );
}

export default function ChangePassword() {
  const t = useT(messages);
  return (
    <main className="auth-page" id="main">
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      <ChangePasswordForm />
    </main>
  );
}
