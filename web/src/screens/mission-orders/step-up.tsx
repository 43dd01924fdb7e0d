import { useState } from 'react';
import { api } from '../../api/client';
import { useT, type Messages } from '../../i18n/i18n';
import { common } from '../../ui/common-messages';
import { ErrorMessage, Field, fieldError, Form } from '../../ui/components';
import { useAction } from '../../ui/use-action';

const messages = {
  fr: {
    heading: 'Confirmez votre identité',
    text: 'Approuver un ordre de mission demande une vérification récente. Saisissez le code à 6 chiffres de votre application d’authentification.',
    code: 'Code de vérification',
    confirm: 'Confirmer et approuver',
  },
  en: {
    heading: 'Confirm it is you',
    text: 'Approving a mission order needs a recent check. Enter the 6-digit code from your authenticator app.',
    code: 'Verification code',
    confirm: 'Confirm and approve',
  },
} satisfies Messages<string>;

/** The 6-digit TOTP code for POST /auth/step-up; `onVerified` retries what needed it. */
export function StepUpForm({
  onVerified,
  onCancel,
}: {
  onVerified: () => void;
  onCancel: () => void;
}) {
  const t = useT(messages);
  const c = useT(common);
  const [code, setCode] = useState('');
  const action = useAction();
  const error = action.error;
  // Once verified the button stays off: what needed the code is being retried.
  const [verified, setVerified] = useState(false);

  const submit = () =>
    action.run(async () => {
      await api.post('/auth/step-up', { code: code.trim() });
      setVerified(true);
      onVerified();
    });

  return (
    <section className="card" aria-labelledby="step-up-heading">
      <h2 id="step-up-heading">{t('heading')}</h2>
      <p>{t('text')}</p>
      <Form onSubmit={submit}>
        <Field label={t('code')} error={fieldError(error, 'code')}>
          {(p) => (
            <input
              {...p}
              autoFocus
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9]{6}"
              maxLength={6}
              required
              value={code}
              onChange={(e) => setCode(e.target.value)}
            />
          )}
        </Field>
        <ErrorMessage error={error} shownFields={['code']} />
        <div className="row">
          <button type="submit" className="primary" disabled={action.busy || verified}>
            {t('confirm')}
          </button>
          <button type="button" onClick={onCancel}>
            {c('cancel')}
          </button>
        </div>
      </Form>
    </section>
  );
}
