import { useState } from 'react';
import { MEETING_OUTCOMES, type MeetingOutcome } from '../../api/vocabulary';
import { fromLocalInput, useT, type Messages } from '../../i18n/i18n';
import { common } from '../../ui/common-messages';
import { ErrorMessage, Field, fieldError, Form } from '../../ui/components';
import { EnumSelect } from '../../ui/lists';
import { useAction } from '../../ui/use-action';
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

/** Held / postponed / cancelled: sent now or queued on the device without a connection. */
export function OutcomeForm({ meeting, onDone }: { meeting: MeetingResponse; onDone: () => void }) {
  const t = useT(messages);
  const w = useT(meetingWords);
  const c = useT(common);
  const [status, setStatus] = useState<MeetingOutcome>('held');
  const [notes, setNotes] = useState('');
  const [rescheduledAt, setRescheduledAt] = useState('');
  const action = useAction();
  const error = action.error;
  const [queued, setQueued] = useState(false);

  const submit = () =>
    action.run(async () => {
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
    });

  return (
    <section aria-labelledby="outcome-heading">
      <h2 id="outcome-heading">{t('heading')}</h2>
      {queued && (
        <p className="alert alert-warning" role="status">
          {c('offlineQueued')}
        </p>
      )}
      {/* Once queued, the outcome is recorded: a second one would be sent too. */}
      {!queued && (
        <Form onSubmit={submit}>
          <Field label={t('status')} error={fieldError(error, 'status')}>
            {(p) => (
              <EnumSelect
                {...p}
                values={MEETING_OUTCOMES}
                value={status}
                onChange={(s) => s && setStatus(s)}
                label={(s) => w(`status_${s}`)}
              />
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
            <button type="submit" className="primary" disabled={action.busy}>
              {t('record')}
            </button>
          </p>
        </Form>
      )}
    </section>
  );
}
