import { useState } from 'react';
import { Link, useParams } from 'wouter';
import { api } from '../../api/client';
import type { Schemas } from '../../api/types';
import { formatDateTime, useLang, useT, type Messages } from '../../i18n/i18n';
import { common } from '../../ui/common-messages';
import { Loaded, Page } from '../../ui/components';
import { useAction } from '../../ui/use-action';
import { useApi } from '../../ui/use-api';
import { useCaseParties, useCaseTeam } from './meeting-data';
import { MeetingForm } from './meeting-form';
import { OutcomeForm } from './meeting-outcome';
import type { MeetingBody, MeetingResponse, Party, TeamMember } from './meeting-types';
import { useLanguageName } from '../../ui/languages';
import { CoverageNotice, MeetingStatusPill } from './meeting-words';

const messages = {
  fr: {
    title: 'Rencontre',
    titleOf: 'Rencontre — {name}',
    case: 'Dossier',
    when: 'Date',
    until: 'Fin',
    status: 'Statut',
    attendees: 'Médiateurs',
    parties: 'Parties',
    agenda: 'Ordre du jour',
    languages: 'Langues',
    interpreter: 'Interprète',
    location: 'Lieu exact',
    notes: 'Notes de l’issue',
    edit: 'Modifier',
    editHeading: 'Modifier la rencontre',
    saved: 'Rencontre modifiée.',
    outcomeSaved: 'Issue enregistrée.',
    coverage: 'Ordres de mission',
    calendar: 'Calendrier',
  },
  en: {
    title: 'Meeting',
    titleOf: 'Meeting — {name}',
    case: 'Case',
    when: 'Date',
    until: 'Ends',
    status: 'Status',
    attendees: 'Mediators',
    parties: 'Parties',
    agenda: 'Agenda',
    languages: 'Languages',
    interpreter: 'Interpreter',
    location: 'Exact place',
    notes: 'Outcome notes',
    edit: 'Edit',
    editHeading: 'Edit the meeting',
    saved: 'Meeting updated.',
    outcomeSaved: 'Outcome recorded.',
    coverage: 'Mission orders',
    calendar: 'Calendar',
  },
} satisfies Messages<string>;

function Details({
  meeting,
  team,
  parties,
  caseName,
}: {
  meeting: MeetingResponse;
  team: TeamMember[];
  parties: Party[];
  caseName: string | undefined;
}) {
  const t = useT(messages);
  const c = useT(common);
  const { lang } = useLang();
  const languageName = useLanguageName();
  const nameOf = (id: string) => team.find((m) => m.userId === id)?.displayName ?? '—';
  return (
    <dl className="facts">
      <dt>{t('case')}</dt>
      <dd>
        <Link href={`/cases/${meeting.caseId}`}>{caseName ?? t('case')}</Link>
      </dd>
      <dt>{t('status')}</dt>
      <dd>
        <MeetingStatusPill status={meeting.status} />
      </dd>
      <dt>{t('when')}</dt>
      <dd>{formatDateTime(meeting.scheduledAt, lang)}</dd>
      <dt>{t('until')}</dt>
      <dd>{formatDateTime(meeting.endsAt, lang)}</dd>
      <dt>{t('attendees')}</dt>
      <dd>{meeting.attendeeUserIds.map(nameOf).join(', ') || '—'}</dd>
      <dt>{t('parties')}</dt>
      <dd>
        {meeting.partyIds.map((id) => parties.find((p) => p.id === id)?.name ?? '—').join(', ') ||
          '—'}
      </dd>
      <dt>{t('agenda')}</dt>
      <dd>{meeting.agenda || '—'}</dd>
      <dt>{t('languages')}</dt>
      <dd>{meeting.languages.map(languageName).join(', ') || '—'}</dd>
      <dt>{t('interpreter')}</dt>
      <dd>{meeting.interpreterNeeded ? c('yes') : c('no')}</dd>
      {meeting.locationDetail !== undefined && (
        <>
          <dt>{t('location')}</dt>
          <dd>{meeting.locationDetail || '—'}</dd>
        </>
      )}
      {meeting.outcomeNotes !== undefined && meeting.status !== 'planned' && (
        <>
          <dt>{t('notes')}</dt>
          <dd>{meeting.outcomeNotes || '—'}</dd>
        </>
      )}
    </dl>
  );
}

export default function MeetingPage() {
  const t = useT(messages);
  const { id } = useParams<{ id: string }>();
  const meeting = useApi<MeetingResponse>(`/meetings/${id}`, { keep: true });
  const caseId = meeting.data?.caseId ?? null;
  const team = useCaseTeam(caseId);
  const parties = useCaseParties(caseId);
  const theCase = useApi<Schemas['CaseResponse']>(caseId && `/cases/${caseId}`, { keep: true });
  const [editing, setEditing] = useState(false);
  const action = useAction();
  const [saved, setSaved] = useState(false);
  const [outcomeSaved, setOutcomeSaved] = useState(false);
  const caseName = theCase.data?.codeName;

  const save = (m: MeetingResponse, body: MeetingBody) =>
    action.run(async () => {
      await api.patch(`/meetings/${m.id}`, body, m.version);
      setEditing(false);
      setSaved(true);
      meeting.reload();
    });

  return (
    <Page
      title={caseName ? t('titleOf', { name: caseName }) : t('title')}
      actions={<Link href="/meetings">{t('calendar')}</Link>}
    >
      <Loaded state={meeting}>
        {(m) => (
          <>
            {outcomeSaved && (
              <p className="alert alert-success" role="status">
                {t('outcomeSaved')}
              </p>
            )}
            {saved && (
              <p className="alert alert-success" role="status">
                {t('saved')}
              </p>
            )}
            <Details
              meeting={m}
              team={team.data?.items ?? []}
              parties={parties.data?.items ?? []}
              caseName={caseName}
            />
            {m.status === 'planned' && (
              <section aria-labelledby="coverage-heading">
                <h2 id="coverage-heading">{t('coverage')}</h2>
                <CoverageNotice
                  coverage={m.missionOrderCoverage}
                  team={team.data?.items}
                  caseId={m.caseId}
                />
              </section>
            )}
            {m.status === 'planned' && !editing && (
              <p>
                <button type="button" onClick={() => setEditing(true)}>
                  {t('edit')}
                </button>
              </p>
            )}
            {editing && (
              <section aria-labelledby="edit-heading">
                <h2 id="edit-heading">{t('editHeading')}</h2>
                <MeetingForm
                  caseId={m.caseId}
                  initial={{
                    ...m,
                    agenda: m.agenda ?? undefined,
                    locationDetail: m.locationDetail ?? undefined,
                  }}
                  submitLabel={t('edit')}
                  busy={action.busy}
                  error={action.error}
                  onSubmit={(body) => void save(m, body)}
                />
              </section>
            )}
            {m.status === 'planned' && (
              <OutcomeForm
                meeting={m}
                onDone={() => {
                  setOutcomeSaved(true);
                  meeting.reload();
                }}
              />
            )}
          </>
        )}
      </Loaded>
    </Page>
  );
}
