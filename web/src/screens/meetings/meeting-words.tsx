import { Link } from 'wouter';
import { useT, type Messages } from '../../i18n/i18n';
import { StatusPill } from '../../ui/components';
import type { MeetingStatus, MissionOrderCoverage, TeamMember } from './meeting-types';

/** Words shared by the meeting screens. */
export const meetingWords = {
  fr: {
    status_planned: 'Prévue',
    status_held: 'Tenue',
    status_postponed: 'Reportée',
    status_cancelled: 'Annulée',
    coverageValid: 'Ordres de mission : tous les participants sont couverts.',
    coverageMissing: 'Sans ordre de mission valide pour cette rencontre : {names}.',
    coverageValidShort: 'Ordre de mission valide',
    coverageMissingShort: 'Ordre de mission manquant',
    requestOrder: 'Demander un ordre de mission',
    unknownPerson: 'membre inconnu',
  },
  en: {
    status_planned: 'Planned',
    status_held: 'Held',
    status_postponed: 'Postponed',
    status_cancelled: 'Cancelled',
    coverageValid: 'Mission orders: every attendee is covered.',
    coverageMissing: 'No valid mission order for this meeting: {names}.',
    coverageValidShort: 'Mission order valid',
    coverageMissingShort: 'Mission order missing',
    requestOrder: 'Request a mission order',
    unknownPerson: 'unknown member',
  },
} satisfies Messages<string>;

const TONES: Record<MeetingStatus, string> = {
  planned: 'info',
  held: 'ok',
  postponed: 'warning',
  cancelled: 'bad',
};

export function MeetingStatusPill({ status }: { status: MeetingStatus }) {
  const t = useT(meetingWords);
  return <StatusPill tone={TONES[status]}>{t(`status_${status}`)}</StatusPill>;
}

/** A short coverage word for the calendar. */
export function CoveragePill({ coverage }: { coverage: MissionOrderCoverage }) {
  const t = useT(meetingWords);
  return coverage.status === 'valid' ? (
    <StatusPill tone="ok">{t('coverageValidShort')}</StatusPill>
  ) : (
    <StatusPill tone="warning">{t('coverageMissingShort')}</StatusPill>
  );
}

/** Coverage in full: who lacks a mandate (names from the case team) and a link to request one. */
export function CoverageNotice({
  coverage,
  team,
  caseId,
}: {
  coverage: MissionOrderCoverage;
  team: TeamMember[] | undefined;
  caseId: string;
}) {
  const t = useT(meetingWords);
  if (coverage.status === 'valid')
    return (
      <p className="alert alert-success" data-testid="coverage">
        {t('coverageValid')}
      </p>
    );
  const names = coverage.missing
    .map((id) => team?.find((m) => m.userId === id)?.displayName ?? t('unknownPerson'))
    .join(', ');
  return (
    <div className="alert alert-warning" data-testid="coverage">
      <p>{t('coverageMissing', { names })}</p>
      <p>
        <Link href={`/mission-orders/new?caseId=${caseId}`}>{t('requestOrder')}</Link>
      </p>
    </div>
  );
}
