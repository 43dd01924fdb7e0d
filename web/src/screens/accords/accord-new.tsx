import { useMemo, useState } from 'react';
import { Link, useLocation, useParams } from 'wouter';
import { api } from '../../api/client';
import type { Page as ApiPage, Schemas } from '../../api/types';
import { ACCORD_FORMS, ACCORD_KINDS, type AccordForm, type AccordKind } from '../../api/vocabulary';
import {
  formatDateTime,
  fromLocalInput,
  toLocalInput,
  useLang,
  useT,
  type Messages,
} from '../../i18n/i18n';
import { ErrorMessage, Field, fieldError, Form, Page } from '../../ui/components';
import { EnumSelect } from '../../ui/lists';
import { useAction } from '../../ui/use-action';
import { useApi } from '../../ui/use-api';
import type { Accord } from './accord-types';
import { words } from './accord-words';
import { Choices } from './choices';
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
    void action.run(async () => {
      const created = await api.post<Accord>(`/cases/${caseId}/accords`, body);
      navigate(`/accords/${created.id}`);
    });
  };

  return (
    <Page title={t('title')}>
      <p>
        <Link href={`/cases/${caseId}`}>← {t('back')}</Link>
      </p>
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
