import { useMemo, useState } from 'react';
import { useLocation, useParams } from 'wouter';
import type { Page as ApiPage, Schemas } from '../../api/types';
import { ACCORD_FORMS, ACCORD_KINDS, type AccordForm, type AccordKind } from '../../api/vocabulary';
import {
  formatDate,
  formatDateTime,
  fromLocalInput,
  toLocalInput,
  useLang,
  useT,
  type Messages,
} from '../../i18n/i18n';
import { sendOrQueue } from '../../offline/outbox';
import {
  BackLink,
  ErrorMessage,
  Field,
  fieldError,
  Form,
  Page,
  QueuedNotice,
} from '../../ui/components';
import { EnumSelect } from '../../ui/lists';
import { useAction } from '../../ui/use-action';
import { useApi } from '../../ui/use-api';
import { useCaseParties } from '../meetings/meeting-data';
import type { Accord, NewTerm, Party } from './accord-types';
import { words } from './accord-words';
import { Choices } from './choices';
import { TermForm } from './term-form';
import './accords.css';

const messages = {
  fr: {
    title: 'Enregistrer un accord',
    back: 'Retour au dossier',
    concludedAt: 'Conclu le',
    kind: "Type d'accord",
    form: 'Forme',
    meeting: 'Rencontre où il a été conclu',
    noMeeting: '— Aucune —',
    mechanism: 'Mécanisme de suivi',
    mechanismHint: 'Par exemple : comité villageois de cinq membres.',
    interval: 'Suivi tous les (jours)',
    intervalHint: 'Un contrôle est attendu à ce rythme ; un retard se voit au tableau de bord.',
    summary: 'Résumé',
    summaryHint: 'Chiffré sur le serveur. Les engagements se saisissent à l’étape suivante.',
    save: 'Enregistrer et ajouter les engagements',
    queued:
      'L’accord est enregistré sur cet appareil et sera envoyé dès que le réseau le permettra. Saisissez ses engagements ci-dessous : ils le suivront.',
    label: 'Accord « {kind} » du {date}',
    terms: 'Engagements saisis',
    termQueued: 'En attente d’envoi',
    termSent: 'Envoyé',
    noTerms: 'Aucun engagement saisi pour le moment.',
    noParties:
      "Aucune partie de ce dossier n'est connue sur cet appareil : les engagements se saisiront au retour du réseau.",
  },
  en: {
    title: 'Record an accord',
    back: 'Back to the case',
    concludedAt: 'Concluded on',
    kind: 'Kind of accord',
    form: 'Form',
    meeting: 'Meeting where it was concluded',
    noMeeting: '— None —',
    mechanism: 'Monitoring mechanism',
    mechanismHint: 'For example: village committee of five.',
    interval: 'Check every (days)',
    intervalHint: 'A check is expected at this pace; a late one shows on the dashboard.',
    summary: 'Summary',
    summaryHint: 'Encrypted on the server. The terms are entered at the next step.',
    save: 'Save and add the terms',
    queued:
      'The accord is saved on this device and will be sent as soon as the network allows. Enter its terms below: they will follow it.',
    label: '“{kind}” accord of {date}',
    terms: 'Terms entered',
    termQueued: 'Waiting to be sent',
    termSent: 'Sent',
    noTerms: 'No term entered yet.',
    noParties:
      'No party of this case is known on this device: the terms can be entered once the network is back.',
  },
} satisfies Messages<string>;

export default function AccordNew() {
  const t = useT(messages);
  const w = useT(words);
  const { lang } = useLang();
  const { id: caseId = '' } = useParams<{ id: string }>();
  const [, navigate] = useLocation();
  // The client id makes a double tap or a retry land on the same accord.
  const accordId = useMemo(() => crypto.randomUUID(), []);
  const meetings = useApi<ApiPage<Schemas['MeetingResponse']>>(
    `/cases/${caseId}/meetings?limit=100`,
  );
  // Loaded now (and kept), so that terms can be entered if the network goes.
  const parties = useCaseParties(caseId);
  const [queued, setQueued] = useState(false);
  const [concludedAt, setConcludedAt] = useState(() => toLocalInput(new Date()));
  const [kind, setKind] = useState<AccordKind>('non_aggression_pact');
  const [form, setForm] = useState<AccordForm>('verbal');
  const [meetingId, setMeetingId] = useState('');
  const [mechanism, setMechanism] = useState('');
  const [interval, setIntervalDays] = useState('30');
  const [summary, setSummary] = useState('');
  const action = useAction();
  const error = action.error;

  const submit = () => {
    const body = {
      id: accordId,
      concludedAt: fromLocalInput(concludedAt),
      kind,
      form,
      meetingId: meetingId || undefined,
      monitoringMechanism: mechanism.trim() || undefined,
      followUpIntervalDays: interval ? Number(interval) : undefined,
      summary: summary.trim() || undefined,
    };
    const label = t('label', { kind: w(`kind_${kind}`), date: formatDate(body.concludedAt, lang) });
    void action.run(async () => {
      const result = await sendOrQueue<Accord>(
        { method: 'POST', path: `/cases/${caseId}/accords`, body },
        label,
      );
      if (result.queued) setQueued(true);
      else navigate(`/accords/${result.data.id}`);
    });
  };

  if (queued)
    return (
      <Page title={t('title')}>
        <QueuedNotice
          message={t('queued')}
          testId="accord-queued"
          back={{ href: `/cases/${caseId}`, label: t('back') }}
        >
          <OfflineTerms accordId={accordId} parties={parties.data?.items ?? []} />
        </QueuedNotice>
      </Page>
    );

  return (
    <Page title={t('title')}>
      <BackLink href={`/cases/${caseId}`}>{t('back')}</BackLink>
      <Form onSubmit={submit}>
        <Field label={t('concludedAt')} error={fieldError(error, 'concludedAt')}>
          {(p) => (
            <input
              {...p}
              type="datetime-local"
              required
              value={concludedAt}
              onChange={(e) => setConcludedAt(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('kind')} error={fieldError(error, 'kind')}>
          {(p) => (
            <EnumSelect
              {...p}
              values={ACCORD_KINDS}
              value={kind}
              label={(k) => w(`kind_${k}`)}
              onChange={(k) => k && setKind(k)}
            />
          )}
        </Field>
        <Choices
          legend={t('form')}
          name="form"
          values={ACCORD_FORMS}
          value={form}
          label={(f) => w(`form_${f}`)}
          onChange={setForm}
          footer={
            fieldError(error, 'form') && <p className="field-error">{fieldError(error, 'form')}</p>
          }
        />
        {(meetings.data?.items.length ?? 0) > 0 && (
          <Field label={t('meeting')} error={fieldError(error, 'meetingId')}>
            {(p) => (
              <select {...p} value={meetingId} onChange={(e) => setMeetingId(e.target.value)}>
                <option value="">{t('noMeeting')}</option>
                {meetings.data?.items.map((m) => (
                  <option key={m.id} value={m.id}>
                    {formatDateTime(m.scheduledAt, lang)} ({w(`meeting_${m.status}`)})
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field
          label={t('mechanism')}
          hint={t('mechanismHint')}
          error={fieldError(error, 'monitoringMechanism')}
        >
          {(p) => (
            <input
              {...p}
              maxLength={500}
              value={mechanism}
              onChange={(e) => setMechanism(e.target.value)}
            />
          )}
        </Field>
        <Field
          label={t('interval')}
          hint={t('intervalHint')}
          error={fieldError(error, 'followUpIntervalDays')}
        >
          {(p) => (
            <input
              {...p}
              type="number"
              inputMode="numeric"
              min={1}
              max={366}
              value={interval}
              onChange={(e) => setIntervalDays(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('summary')} hint={t('summaryHint')} error={fieldError(error, 'summary')}>
          {(p) => (
            <textarea
              {...p}
              maxLength={5000}
              value={summary}
              onChange={(e) => setSummary(e.target.value)}
            />
          )}
        </Field>
        <ErrorMessage
          error={error}
          shownFields={[
            'concludedAt',
            'kind',
            'form',
            'meetingId',
            'monitoringMechanism',
            'followUpIntervalDays',
            'summary',
          ]}
        />
        <button type="submit" className="primary" disabled={action.busy}>
          {t('save')}
        </button>
      </Form>
    </Page>
  );
}

/**
 * The terms of an accord that waits on the device: each is queued behind it
 * (the outbox sends in order, the accord first) and listed here with its state
 * when entered.
 */
function OfflineTerms({ accordId, parties }: { accordId: string; parties: Party[] }) {
  const t = useT(messages);
  const w = useT(words);
  const [terms, setTerms] = useState<{ term: NewTerm; queued: boolean }[]>([]);
  const partyName = (id: string) => parties.find((p) => p.id === id)?.name ?? '';
  return (
    <section className="section" aria-labelledby="queued-terms-title">
      <h2 id="queued-terms-title">{t('terms')}</h2>
      {terms.length === 0 ? (
        <p className="muted">{t('noTerms')}</p>
      ) : (
        <ol className="cards">
          {terms.map(({ term, queued }) => (
            <li key={term.id} className="card" data-testid="queued-term">
              <p>{term.text}</p>
              <p className="muted">
                {w(`category_${term.category}`)} · {partyName(term.obligorPartyId)}
              </p>
              <span className={`pill ${queued ? 'pill-warning' : 'pill-ok'}`}>
                {queued ? t('termQueued') : t('termSent')}
              </span>
            </li>
          ))}
        </ol>
      )}
      {parties.length === 0 ? (
        <p className="alert alert-info">{t('noParties')}</p>
      ) : (
        <TermForm
          accordId={accordId}
          parties={parties}
          onDone={(added) => {
            if (added) setTerms((list) => [...list, added]);
          }}
        />
      )}
    </section>
  );
}
