import { useState } from 'react';
import { api, ApiError } from '../../api/client';
import { useT, type Messages } from '../../i18n/i18n';
import { common } from '../../ui/common-messages';
import { ErrorMessage, Field, fieldError, Form } from '../../ui/components';
import { useAction } from '../../ui/use-action';
import type { MissionOrderResponse } from './mo-types';
import { StepUpForm } from './step-up';

const messages = {
  fr: {
    heading: 'Décision',
    approve: 'Approuver',
    reject: 'Refuser',
    revoke: 'Révoquer',
    reason: 'Motif',
    confirmReject: 'Confirmer le refus',
    confirmRevoke: 'Confirmer la révocation',
    revokeQuestion: 'Révoquer cet ordre ? Les postes de contrôle le verront comme invalide.',
  },
  en: {
    heading: 'Decision',
    approve: 'Approve',
    reject: 'Reject',
    revoke: 'Revoke',
    reason: 'Reason',
    confirmReject: 'Confirm the rejection',
    confirmRevoke: 'Confirm the revocation',
    revokeQuestion: 'Revoke this order? Checkpoints will see it as invalid.',
  },
} satisfies Messages<string>;

type Mode = 'idle' | 'stepUp' | 'reject' | 'revoke';

/** An official's actions on an order of their authority: approve (with step-up), reject, revoke. */
export function Decision({
  order,
  onDecided,
}: {
  order: MissionOrderResponse;
  onDecided: () => void;
}) {
  const t = useT(messages);
  const c = useT(common);
  const [mode, setMode] = useState<Mode>('idle');
  const [reason, setReason] = useState('');
  const action = useAction();
  const error = action.error;

  const approve = () =>
    action.run(async () => {
      try {
        await api.post(`/mission-orders/${order.id}/approve`);
      } catch (err) {
        // A stale verification: ask for the code, then approve again.
        if (err instanceof ApiError && err.code === 'step_up_required') return setMode('stepUp');
        throw err;
      }
      setMode('idle');
      onDecided();
    });

  const decide = (kind: 'reject' | 'revoke') => {
    if (kind === 'revoke' && !window.confirm(t('revokeQuestion'))) return;
    void action.run(async () => {
      await api.post(`/mission-orders/${order.id}/${kind}`, { reason: reason.trim() });
      setMode('idle');
      onDecided();
    });
  };

  const canDecide = order.status === 'requested';
  const canRevoke = order.status === 'approved';
  if (!canDecide && !canRevoke) return null;
  const reasonForm = (kind: 'reject' | 'revoke') => (
    <Form onSubmit={() => decide(kind)}>
      <Field label={t('reason')} error={fieldError(error, 'reason')}>
        {(p) => (
          <textarea
            {...p}
            required
            rows={3}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        )}
      </Field>
      <div className="row">
        <button type="submit" className="danger" disabled={action.busy}>
          {kind === 'reject' ? t('confirmReject') : t('confirmRevoke')}
        </button>
        <button type="button" onClick={() => setMode('idle')}>
          {c('cancel')}
        </button>
      </div>
    </Form>
  );

  return (
    <section aria-labelledby="decision-heading">
      <h2 id="decision-heading">{t('heading')}</h2>
      <ErrorMessage error={error} shownFields={['reason']} />
      {mode === 'stepUp' && (
        <StepUpForm onVerified={() => void approve()} onCancel={() => setMode('idle')} />
      )}
      {mode === 'reject' && reasonForm('reject')}
      {mode === 'revoke' && reasonForm('revoke')}
      {mode === 'idle' && (
        <div className="row">
          {canDecide && (
            <>
              <button
                type="button"
                className="primary"
                disabled={action.busy}
                onClick={() => void approve()}
              >
                {t('approve')}
              </button>
              <button type="button" className="danger" onClick={() => setMode('reject')}>
                {t('reject')}
              </button>
            </>
          )}
          {canRevoke && (
            <button type="button" className="danger" onClick={() => setMode('revoke')}>
              {t('revoke')}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
