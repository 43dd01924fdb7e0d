import { useState } from 'react';
import { api } from '../../api/client';
import { useT, type Messages } from '../../i18n/i18n';
import { ErrorMessage, Field, fieldError, Form, Loaded } from '../../ui/components';
import { notVisible, useApi } from '../../ui/use-api';
import { useAction } from '../../ui/use-action';

const messages = {
  fr: {
    heading: 'Mes numéros pour les SMS',
    intro:
      'Un numéro vérifié peut envoyer des suivis et des alertes par SMS, et reçoit les rappels de suivi. Les SMS ne contiennent ni nom ni village, mais l’opérateur voit les numéros et les textes.',
    none: 'Aucun numéro enregistré.',
    verified: 'Vérifié',
    waiting: 'En attente du code',
    number: 'Nouveau numéro',
    numberHint: '8 chiffres pour un numéro du Mali (76 12 34 56), sinon avec l’indicatif (+33…).',
    add: 'Ajouter ce numéro',
    code: 'Code à 6 chiffres reçu par SMS',
    codeHint: 'Ou envoyez « CODE » suivi des 6 chiffres depuis ce téléphone.',
    verify: 'Vérifier',
    remove: 'Retirer ce numéro',
    confirmRemove: 'Retirer le numéro {number} ? Il ne pourra plus envoyer de SMS à Toguna.',
    reminders: 'Recevoir les rappels de suivi par SMS (au plus un par accord et par jour)',
    list: 'Numéros',
  },
  en: {
    heading: 'My numbers for SMS',
    intro:
      'A verified number can send follow-ups and alerts by SMS, and gets follow-up reminders. Messages carry no name or village, but the operator sees numbers and texts.',
    none: 'No number registered.',
    verified: 'Verified',
    waiting: 'Waiting for the code',
    number: 'New number',
    numberHint:
      '8 digits for a Malian number (76 12 34 56), otherwise with the country code (+33…).',
    add: 'Add this number',
    code: '6-digit code received by SMS',
    codeHint: 'Or text “CODE” followed by the 6 digits from that phone.',
    verify: 'Verify',
    remove: 'Remove this number',
    confirmRemove: 'Remove the number {number}? It will no longer be able to text Toguna.',
    reminders: 'Get follow-up reminders by SMS (at most one per accord a day)',
    list: 'Numbers',
  },
} satisfies Messages<string>;

interface Phone {
  id: string;
  number: string;
  verified: boolean;
}

function VerifyForm({ phone, onDone }: { phone: Phone; onDone: () => void }) {
  const t = useT(messages);
  const [code, setCode] = useState('');
  const action = useAction();
  return (
    <Form
      onSubmit={() =>
        action.run(async () => {
          await api.post(`/me/phones/${phone.id}/verify`, { code });
          onDone();
        })
      }
    >
      <Field label={t('code')} hint={t('codeHint')} error={fieldError(action.error, 'code')}>
        {(props) => (
          <input
            {...props}
            inputMode="numeric"
            pattern="\d{6}"
            maxLength={6}
            required
            value={code}
            onInput={(e) => setCode(e.currentTarget.value.trim())}
          />
        )}
      </Field>
      <ErrorMessage error={action.error} shownFields={['code']} />
      <button type="submit" disabled={action.busy}>
        {t('verify')}
      </button>
    </Form>
  );
}

function RemindersChoice() {
  const t = useT(messages);
  const choice = useApi<{ enabled: boolean }>('/me/sms-reminders');
  // Shown at once on a tap (a 2G answer takes seconds), put back if the API refuses.
  const [chosen, setChosen] = useState<boolean | undefined>(undefined);
  const action = useAction();
  if (!choice.data) return null;
  const enabled = chosen ?? choice.data.enabled;
  return (
    <>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={enabled}
          disabled={action.busy}
          onChange={(e) => {
            const next = e.currentTarget.checked;
            setChosen(next);
            void action
              .run(() => api.put('/me/sms-reminders', { enabled: next }))
              .then((ok) => {
                if (!ok) setChosen(undefined);
              });
          }}
        />
        {t('reminders')}
      </label>
      <ErrorMessage error={action.error} />
    </>
  );
}

/** The user's phone numbers for SMS; hidden where SMS is off (the routes answer 404). */
export function PhonesSection() {
  const t = useT(messages);
  const phones = useApi<{ items: Phone[] }>('/me/phones');
  const [number, setNumber] = useState('');
  const action = useAction();
  if (notVisible(phones.error)) return null;

  function remove(phone: Phone) {
    if (!window.confirm(t('confirmRemove', { number: phone.number }))) return;
    void action.run(async () => {
      await api.delete(`/me/phones/${phone.id}`);
      phones.reload();
    });
  }

  return (
    <section aria-labelledby="phones-heading" className="account-section">
      <h2 id="phones-heading">{t('heading')}</h2>
      <p>{t('intro')}</p>
      <Loaded state={phones}>
        {(data) =>
          data.items.length === 0 ? (
            <p>{t('none')}</p>
          ) : (
            <ul className="cards" aria-label={t('list')}>
              {data.items.map((p) => (
                <li key={p.id} className="card" data-testid="phone">
                  <h3 className="card-title">
                    {p.number}{' '}
                    <span className={`pill ${p.verified ? 'pill-info' : 'pill-warning'}`}>
                      {t(p.verified ? 'verified' : 'waiting')}
                    </span>
                  </h3>
                  {!p.verified && <VerifyForm phone={p} onDone={phones.reload} />}
                  <button type="button" className="danger" onClick={() => remove(p)}>
                    {t('remove')}
                  </button>
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
      <Form
        onSubmit={() =>
          action.run(async () => {
            await api.post('/me/phones', { number });
            setNumber('');
            phones.reload();
          })
        }
      >
        <Field
          label={t('number')}
          hint={t('numberHint')}
          error={fieldError(action.error, 'number')}
        >
          {(props) => (
            <input
              {...props}
              type="tel"
              inputMode="tel"
              maxLength={32}
              required
              value={number}
              onInput={(e) => setNumber(e.currentTarget.value)}
            />
          )}
        </Field>
        <ErrorMessage error={action.error} shownFields={['number']} />
        <button type="submit" disabled={action.busy}>
          {t('add')}
        </button>
      </Form>
      <RemindersChoice />
    </section>
  );
}
