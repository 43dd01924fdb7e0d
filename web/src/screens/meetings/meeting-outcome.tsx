import { useState, type FormEvent } from 'react';
import { fromLocalInput, useT, type Messages } from '../../i18n/i18n';
import { common } from '../../ui/common-messages';
import { ErrorMessage, Field, fieldError } from '../../ui/components';
import { sendOrQueue } from '../../offline/outbox';
import type { MeetingResponse } from './meeting-types';
import { meetingWords } from './meeting-words';

const messages = {
  fr: {
    heading: 'Issue de la rencontre',
    status: 'Issue',
    notes: 'Notes',
    notesHint: 'Visibles seulement par l’équipe du dossier ; chiffrées.',
    rescheduledAt: 'Nouvelle date',
    record: 'Enregistrer l’issue',
    label: 'Issue de rencontre ({status})',
  },
  en: {
    heading: 'Meeting outcome',
    status: 'Outcome',
    notes: 'Notes',
    notesHint: 'Visible to the case team only; encrypted.',
    rescheduledAt: 'New date',
    record: 'Record the outcome',
    label: 'Meeting outcome ({status})',
  },
} satisfies Messages<string>;

type Outcome = 'held' | 'postponed' | 'cancelled';

/** Held / postponed / cancelled: sent now or queued on the device without a connection. */
export function OutcomeForm({ meeting, onDone }: { meeting: MeetingResponse; onDone: () => void }) {
  const t = useT(messages);
  const w = useT(meetingWords);
  const c = useT(common);
  const [status, setStatus] = useState<Outcome>('held');
  const [notes, setNotes] = useState('');
  const [rescheduledAt, setRescheduledAt] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [queued, setQueued] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const sent = await sendOrQueue(
        {
          method: 'POST',
          path: `/meetings/${meeting.id}/outcome`,
          body: {
            status,
            ...(notes.trim() ? { outcomeNotes: notes.trim() } : {}),
            ...(status === 'postponed' && rescheduledAt
              ? { rescheduledAt: fromLocalInput(rescheduledAt) }
              : {}),
          },
        },
        t('label', { status: w(`status_${status}`) }),
      );
      setQueued(sent.queued);
      if (!sent.queued) onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="outcome-heading">
      <h2 id="outcome-heading">{t('heading')}</h2>
      {queued && (
        <p className="alert alert-warning" role="status">
          {c('offlineQueued')}
        </p>
      )}
      <form className="form" onSubmit={(e) => void submit(e)}>
        <Field label={t('status')} error={fieldError(error, 'status')}>
          {(p) => (
            <select {...p} value={status} onChange={(e) => setStatus(e.target.value as Outcome)}>
              {(['held', 'postponed', 'cancelled'] as const).map((s) => (
                <option key={s} value={s}>
                  {w(`status_${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {status === 'postponed' && (
          <Field label={t('rescheduledAt')} error={fieldError(error, 'rescheduledAt')}>
            {(p) => (
              <input
                {...p}
                type="datetime-local"
                required
                value={rescheduledAt}
                onChange={(e) => setRescheduledAt(e.target.value)}
              />
            )}
          </Field>
        )}
        <Field label={t('notes')} hint={t('notesHint')} error={fieldError(error, 'outcomeNotes')}>
          {(p) => (
            <textarea {...p} rows={4} value={notes} onChange={(e) => setNotes(e.target.value)} />
          )}
        </Field>
        <ErrorMessage error={error} shownFields={['status', 'rescheduledAt', 'outcomeNotes']} />
        <p>
          <button type="submit" className="primary" disabled={busy}>
            {t('record')}
          </button>
        </p>
      </form>
    </section>
  );
}
