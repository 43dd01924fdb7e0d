import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api/client';
import { useT, type Messages } from '../../i18n/i18n';
import { common } from '../../ui/common-messages';
import { ErrorMessage, Field, fieldError } from '../../ui/components';
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
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);

  const approve = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await api.post(`/mission-orders/${order.id}/approve`);
      setMode('idle');
      onDecided();
    } catch (err) {
      // A stale verification: ask for the code, then approve again.
      if (err instanceof ApiError && err.code === 'step_up_required') setMode('stepUp');
      else setError(err);
    } finally {
      setBusy(false);
    }
  };

  const decide = async (e: FormEvent, action: 'reject' | 'revoke') => {
    e.preventDefault();
    if (action === 'revoke' && !window.confirm(t('revokeQuestion'))) return;
    setBusy(true);
    setError(undefined);
    try {
      await api.post(`/mission-orders/${order.id}/${action}`, { reason: reason.trim() });
      setMode('idle');
      onDecided();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const canDecide = order.status === 'requested';
  const canRevoke = order.status === 'approved';
  if (!canDecide && !canRevoke) return null;
  const reasonForm = (action: 'reject' | 'revoke') => (
    <form className="form" onSubmit={(e) => void decide(e, action)}>
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
        <button type="submit" className="danger" disabled={busy}>
          {action === 'reject' ? t('confirmReject') : t('confirmRevoke')}
        </button>
        <button type="button" onClick={() => setMode('idle')}>
          {c('cancel')}
        </button>
      </div>
    </form>
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
                disabled={busy}
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
