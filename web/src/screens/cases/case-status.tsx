import { useState } from 'react';
import { api } from '../../api/client';
import { useSignedInUser } from '../../auth/session';
import { useT, type Messages } from '../../i18n/i18n';
import { ErrorMessage, Field, fieldError, Form } from '../../ui/components';
import { common } from '../../ui/common-messages';
import { useAction } from '../../ui/use-action';
import { allowedTransitions, type CaseResponse, type CaseStatus } from './case-types';
import { CaseStatusPill, useCaseT } from './case-words';

const messages = {
  fr: {
    heading: 'Statut',
    current: 'Statut actuel :',
    moveTo: 'Passer à « {status} »',
    noMove: 'Aucun changement de statut possible.',
    reason: 'Motif (obligatoire)',
    reasonHint: 'Chiffré ; visible dans l’historique par l’équipe.',
    confirm: 'Confirmer : {status}',
    done: 'Statut changé : {status}.',
  },
  en: {
    heading: 'Status',
    current: 'Current status:',
    moveTo: 'Move to “{status}”',
    noMove: 'No status change is possible.',
    reason: 'Reason (required)',
    reasonHint: 'Encrypted; shown to the team in the history.',
    confirm: 'Confirm: {status}',
    done: 'Status changed: {status}.',
  },
} satisfies Messages<string>;

/** The status and the moves the state machine allows from it, each with its reason. */
export function CaseStatusSection({
  value,
  onChanged,
}: {
  value: CaseResponse;
  onChanged: () => void;
}) {
  const t = useT(messages);
  const ct = useCaseT();
  const c = useT(common);
  const user = useSignedInUser();
  const [target, setTarget] = useState<CaseStatus | null>(null);
  const [reason, setReason] = useState('');
  const action = useAction();
  const [done, setDone] = useState<CaseStatus | null>(null);
  const moves = allowedTransitions(value, user.role === 'coordinator');

  function submit() {
    if (!target) return;
    void action.run(async () => {
      await api.post(`/cases/${value.id}/transitions`, { to: target, reason: reason.trim() });
      setDone(target);
      setTarget(null);
      setReason('');
      onChanged();
    });
  }

  return (
    <section aria-labelledby="status-heading">
      <h2 id="status-heading">{t('heading')}</h2>
      <p>
        {t('current')} <CaseStatusPill status={value.status} />
      </p>
      {done && (
        <p className="alert alert-success" role="status">
          {t('done', { status: ct(`status_${done}`) })}
        </p>
      )}
      {moves.length === 0 ? (
        <p className="muted">{t('noMove')}</p>
      ) : (
        <div className="row">
          {moves.map((s) => (
            <button
              key={s}
              type="button"
              aria-pressed={target === s}
              onClick={() => {
                setTarget(s);
                action.setError(undefined);
                setDone(null);
              }}
            >
              {t('moveTo', { status: ct(`status_${s}`) })}
            </button>
          ))}
        </div>
      )}
      {target && (
        <Form className="inline-form" onSubmit={submit}>
          <Field
            label={t('reason')}
            hint={t('reasonHint')}
            error={fieldError(action.error, 'reason')}
          >
            {(props) => (
              <textarea
                {...props}
                value={reason}
                maxLength={500}
                onChange={(e) => setReason(e.target.value)}
              />
            )}
          </Field>
          <ErrorMessage error={action.error} shownFields={['reason']} />
          <div className="row">
            <button type="submit" className="primary" disabled={action.busy}>
              {t('confirm', { status: ct(`status_${target}`) })}
            </button>
            <button type="button" onClick={() => setTarget(null)}>
              {c('cancel')}
            </button>
          </div>
        </Form>
      )}
    </section>
  );
}
