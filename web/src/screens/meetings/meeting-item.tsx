import { Link } from 'wouter';
import { formatDateTime, useLang } from '../../i18n/i18n';
import type { MeetingResponse } from './meeting-types';
import { CoveragePill, MeetingStatusPill } from './meeting-words';

const time = (iso: string, lang: string): string =>
  new Intl.DateTimeFormat(lang === 'fr' ? 'fr-ML' : 'en-GB', { timeStyle: 'short' }).format(
    new Date(iso),
  );

/** One meeting in the calendar: time, case, status, coverage; the time links to the meeting. */
export function MeetingItem({
  meeting,
  caseName,
  withDate = false,
}: {
  meeting: MeetingResponse;
  caseName: string | undefined;
  withDate?: boolean;
}) {
  const { lang } = useLang();
  const when = withDate
    ? formatDateTime(meeting.scheduledAt, lang)
    : `${time(meeting.scheduledAt, lang)}–${time(meeting.endsAt, lang)}`;
  return (
    <li className="card meeting-item" data-testid="meeting-item">
      <Link href={`/meetings/${meeting.id}`} className="card-link" data-card-link>
        {when}
        {caseName ? ` · ${caseName}` : ''}
      </Link>
      <div>
        <MeetingStatusPill status={meeting.status} />
        {meeting.status === 'planned' && meeting.missionOrderCoverage && (
          <CoveragePill coverage={meeting.missionOrderCoverage} />
        )}
      </div>
    </li>
  );
}
