import { LoadMore } from '../../ui/lists';
import { useState } from 'react';
import { Link } from 'wouter';
import { api } from '../../api/client';
import type { Schemas } from '../../api/types';
import { formatDate, formatDateTime, useLang, useT, type Messages } from '../../i18n/i18n';
import {
  ErrorMessage,
  Field,
  fieldError,
  Form,
  HealthBadge,
  Loading,
  SavedCopyNotice,
} from '../../ui/components';
import { useAction } from '../../ui/use-action';
import { query, useApi } from '../../ui/use-api';
import { usePaged } from '../../ui/use-paged';
import { words as accordWords } from '../accords/accord-words';
import { meetingWords } from '../meetings/meeting-words';
import type { CaseResponse } from './case-types';
import { Overlaps } from './overlaps';

const messages = {
  fr: {
    meetings: 'Rencontres',
    schedule: 'Planifier une rencontre',
    noMeeting: 'Aucune rencontre.',
    accords: 'Accords',
    record: 'Enregistrer un accord',
    noAccord: 'Aucun accord.',
    concluded: 'conclu le {date}',
    coordination: 'Coordination',
    ask: 'Demander une coordination',
    message: 'Message aux coordinateurs des autres associations',
    messageHint: 'Chiffré. Ne citez ni personne ni lieu précis.',
    sent: 'Demande envoyée à {count} association(s).',
  },
  en: {
    meetings: 'Meetings',
    schedule: 'Schedule a meeting',
    noMeeting: 'No meeting.',
    accords: 'Accords',
    record: 'Record an accord',
    noAccord: 'No accord.',
    concluded: 'concluded on {date}',
    coordination: 'Coordination',
    ask: 'Ask for coordination',
    message: 'Message to the other associations’ coordinators',
    messageHint: 'Encrypted. Name no person and no exact place.',
    sent: 'Request sent to {count} association(s).',
  },
} satisfies Messages<string>;

type Meeting = Schemas['MeetingResponse'];
type Accord = Schemas['AccordResponse'];

export function CaseMeetings({ caseId }: { caseId: string }) {
  const t = useT(messages);
  const { lang } = useLang();
  const mw = useT(meetingWords);
  const meetings = usePaged<Meeting>(`/meetings${query({ caseId })}`, { keep: true });
  return (
    <section aria-labelledby="meetings-heading">
      <h2 id="meetings-heading">{t('meetings')}</h2>
      <p>
        <Link href={`/meetings/new?caseId=${caseId}`} className="button primary">
          {t('schedule')}
        </Link>
      </p>
      <SavedCopyNotice savedAt={meetings.savedAt} />
      <ErrorMessage error={meetings.error} />
      {meetings.items.length === 0 && !meetings.loading && (
        <p className="muted">{t('noMeeting')}</p>
      )}
      <ul className="cards" aria-label={t('meetings')}>
        {meetings.items.map((m) => (
          <li key={m.id} className="card">
            <Link href={`/meetings/${m.id}`} className="card-title card-link" data-card-link>
              {formatDateTime(m.scheduledAt, lang)}
            </Link>{' '}
            <span className="pill">{mw(`status_${m.status}`)}</span>
          </li>
        ))}
      </ul>
      {meetings.loading && <Loading />}
      <LoadMore list={meetings} />
    </section>
  );
}

export function CaseAccords({ caseId }: { caseId: string }) {
  const t = useT(messages);
  const { lang } = useLang();
  const aw = useT(accordWords);
  const accords = usePaged<Accord>(`/cases/${caseId}/accords`, { keep: true });
  return (
    <section aria-labelledby="accords-heading">
      <h2 id="accords-heading">{t('accords')}</h2>
      <p>
        <Link href={`/cases/${caseId}/accords/new`} className="button primary">
          {t('record')}
        </Link>
      </p>
      <SavedCopyNotice savedAt={accords.savedAt} />
      <ErrorMessage error={accords.error} />
      {accords.items.length === 0 && !accords.loading && <p className="muted">{t('noAccord')}</p>}
      <ul className="cards" aria-label={t('accords')}>
        {accords.items.map((a) => (
          <li key={a.id} className="card">
            <Link href={`/accords/${a.id}`} className="card-title card-link" data-card-link>
              {aw(`kind_${a.kind}`)}
            </Link>
            <p>
              {t('concluded', { date: formatDate(a.concludedAt, lang) })}{' '}
              <HealthBadge level={a.health.level} />
            </p>
          </li>
        ))}
      </ul>
      {accords.loading && <Loading />}
      <LoadMore list={accords} />
    </section>
  );
}

/** Other associations active in the commune, and a request to coordinate with them. */
export function Coordination({ value }: { value: CaseResponse }) {
  const t = useT(messages);
  const registry = useApi<Schemas['RegistryResponse']>(
    `/registry${query({ areaId: value.areaId })}`,
  );
  const [message, setMessage] = useState('');
  const action = useAction();
  const [sent, setSent] = useState<number | null>(null);
  const items = registry.data?.items ?? [];
  if (items.length === 0) return null;

  function submit() {
    void action.run(async () => {
      const result = await api.post<Schemas['CoordinationRequestResponse']>(
        '/registry/coordination-requests',
        { caseId: value.id, areaId: value.areaId, message: message.trim() },
      );
      setSent(result.notifiedAssociations);
      setMessage('');
    });
  }

  return (
    <section aria-labelledby="coordination-heading">
      <h2 id="coordination-heading">{t('coordination')}</h2>
      <Overlaps items={items} showNone={false} />
      {sent !== null ? (
        <p className="alert alert-success" role="status">
          {t('sent', { count: sent })}
        </p>
      ) : (
        <Form onSubmit={submit} aria-label={t('ask')}>
          <Field
            label={t('message')}
            hint={t('messageHint')}
            error={fieldError(action.error, 'message')}
          >
            {(p) => (
              <textarea {...p} value={message} onChange={(e) => setMessage(e.target.value)} />
            )}
          </Field>
          <ErrorMessage error={action.error} shownFields={['message']} />
          <button type="submit">{t('ask')}</button>
        </Form>
      )}
    </section>
  );
}
