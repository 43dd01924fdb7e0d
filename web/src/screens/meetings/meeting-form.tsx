import { useState } from 'react';
import { Link } from 'wouter';
import { ApiError } from '../../api/client';
import { MAX_DURATION_MINUTES, MIN_DURATION_MINUTES } from '../../api/vocabulary';
import {
  formatDateTime,
  fromLocalInput,
  toLocalInput,
  useLang,
  useT,
  type Messages,
} from '../../i18n/i18n';
import { ErrorMessage, Field, fieldError, Form, Loading } from '../../ui/components';
import { CheckList, ChoiceSet } from './choices';
import { useCaseParties, useCaseTeam } from './meeting-data';
import type { MeetingBody, TeamMember } from './meeting-types';
import { LanguageChoices } from '../../ui/languages';

const messages = {
  fr: {
    when: 'Date et heure',
    duration: 'Durée (minutes)',
    attendees: 'Médiateurs présents',
    parties: 'Parties présentes',
    noParties: 'Aucune partie enregistrée pour ce dossier.',
    agenda: 'Ordre du jour',
    languages: 'Langues',
    interpreter: 'Interprète nécessaire',
    location: 'Lieu exact',
    locationHint: 'Visible seulement par l’équipe du dossier ; chiffré.',
    overlapWith: '{name} a déjà une rencontre du {from} au {to}.',
    otherMeeting: 'Voir cette rencontre',
    someone: 'Un participant',
  },
  en: {
    when: 'Date and time',
    duration: 'Duration (minutes)',
    attendees: 'Attending mediators',
    parties: 'Attending parties',
    noParties: 'No party recorded for this case.',
    agenda: 'Agenda',
    languages: 'Languages',
    interpreter: 'Interpreter needed',
    location: 'Exact place',
    locationHint: 'Visible to the case team only; encrypted.',
    overlapWith: '{name} already has a meeting from {from} to {to}.',
    otherMeeting: 'See that meeting',
    someone: 'An attendee',
  },
} satisfies Messages<string>;

interface Conflict {
  userId?: string;
  scheduledAt?: string;
  endsAt?: string;
  meetingId?: string;
}

/** The double-booking message, naming who and when, next to the attendees. */
function OverlapDetail({ error, team }: { error: unknown; team: TeamMember[] }) {
  const t = useT(messages);
  const { lang } = useLang();
  if (!(error instanceof ApiError) || error.code !== 'meeting_overlap') return null;
  const conflict = error.problem.conflict as Conflict | undefined;
  const name = team.find((m) => m.userId === conflict?.userId)?.displayName ?? t('someone');
  return (
    <div className="field-error" data-testid="overlap-error">
      <p>
        <strong>{error.problem.title}</strong> — {error.problem.detail}
      </p>
      {conflict?.scheduledAt && (
        <p>
          {t('overlapWith', {
            name,
            from: formatDateTime(conflict.scheduledAt, lang),
            to: formatDateTime(conflict.endsAt, lang),
          })}{' '}
          {conflict.meetingId && (
            <Link href={`/meetings/${conflict.meetingId}`}>{t('otherMeeting')}</Link>
          )}
        </p>
      )}
    </div>
  );
}

const defaultStart = (): string => {
  const d = new Date(Date.now() + 86_400_000);
  d.setHours(9, 0, 0, 0);
  return toLocalInput(d);
};

/** The fields of a meeting (schedule and edit), with the case team and parties to choose from. */
export function MeetingForm({
  caseId,
  initial,
  submitLabel,
  busy,
  error,
  onSubmit,
}: {
  caseId: string;
  initial?: Partial<MeetingBody>;
  submitLabel: string;
  busy: boolean;
  error: unknown;
  onSubmit: (body: MeetingBody) => void;
}) {
  const t = useT(messages);
  const team = useCaseTeam(caseId);
  const parties = useCaseParties(caseId);
  const [when, setWhen] = useState(
    initial?.scheduledAt ? toLocalInput(new Date(initial.scheduledAt)) : defaultStart(),
  );
  const [duration, setDuration] = useState(String(initial?.durationMinutes ?? 120));
  const [attendees, setAttendees] = useState<string[]>(initial?.attendeeUserIds ?? []);
  const [partyIds, setPartyIds] = useState<string[]>(initial?.partyIds ?? []);
  const [agenda, setAgenda] = useState(initial?.agenda ?? '');
  const [languages, setLanguages] = useState<string[]>(initial?.languages ?? []);
  const [interpreter, setInterpreter] = useState(initial?.interpreterNeeded ?? false);
  const [location, setLocation] = useState(initial?.locationDetail ?? '');

  const submit = () => {
    onSubmit({
      scheduledAt: fromLocalInput(when),
      durationMinutes: Number(duration),
      attendeeUserIds: attendees,
      partyIds,
      agenda: agenda.trim() || undefined,
      languages,
      interpreterNeeded: interpreter,
      locationDetail: location.trim() || undefined,
    });
  };

  if (!team.data) return team.error ? <ErrorMessage error={team.error} /> : <Loading />;
  const members = team.data.items;
  const overlap = error instanceof ApiError && error.code === 'meeting_overlap';
  return (
    <Form onSubmit={submit}>
      <div className="grid-2">
        <Field label={t('when')} error={fieldError(error, 'scheduledAt')}>
          {(p) => (
            <input
              {...p}
              type="datetime-local"
              required
              value={when}
              onChange={(e) => setWhen(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('duration')} error={fieldError(error, 'durationMinutes')}>
          {(p) => (
            <input
              {...p}
              type="number"
              min={MIN_DURATION_MINUTES}
              max={MAX_DURATION_MINUTES}
              required
              value={duration}
              onChange={(e) => setDuration(e.target.value)}
            />
          )}
        </Field>
      </div>
      <ChoiceSet
        legend={t('attendees')}
        error={fieldError(error, 'attendeeUserIds')}
        invalid={overlap || Boolean(fieldError(error, 'attendeeUserIds'))}
        after={<OverlapDetail error={error} team={members} />}
      >
        <CheckList
          items={members.map((m) => ({ id: m.userId, label: m.displayName }))}
          selected={attendees}
          onChange={setAttendees}
        />
      </ChoiceSet>
      <ChoiceSet legend={t('parties')} error={fieldError(error, 'partyIds')}>
        {parties.data?.items.length === 0 && <p className="muted">{t('noParties')}</p>}
        <CheckList
          items={(parties.data?.items ?? []).map((p) => ({ id: p.id, label: p.name }))}
          selected={partyIds}
          onChange={setPartyIds}
        />
      </ChoiceSet>
      <Field label={t('agenda')} error={fieldError(error, 'agenda')}>
        {(p) => (
          <textarea {...p} rows={3} value={agenda} onChange={(e) => setAgenda(e.target.value)} />
        )}
      </Field>
      <LanguageChoices
        legend={t('languages')}
        selected={languages}
        onChange={setLanguages}
        error={fieldError(error, 'languages')}
      />
      <label className="checkbox">
        <input
          type="checkbox"
          checked={interpreter}
          onChange={(e) => setInterpreter(e.target.checked)}
        />
        {t('interpreter')}
      </label>
      <Field
        label={t('location')}
        hint={t('locationHint')}
        error={fieldError(error, 'locationDetail')}
      >
        {(p) => (
          <textarea
            {...p}
            rows={2}
            value={location}
            onChange={(e) => setLocation(e.target.value)}
          />
        )}
      </Field>
      {!overlap && (
        <ErrorMessage
          error={error}
          shownFields={[
            'scheduledAt',
            'durationMinutes',
            'attendeeUserIds',
            'partyIds',
            'agenda',
            'locationDetail',
          ]}
        />
      )}
      {overlap && (
        <p className="alert alert-error" role="alert">
          <strong>{error.problem.title}</strong> — {error.problem.detail}
        </p>
      )}
      <p>
        <button type="submit" className="primary" disabled={busy}>
          {submitLabel}
        </button>
      </p>
    </Form>
  );
}
