import { ListFooter } from '../../ui/lists';
import { useMemo, useState } from 'react';
import { Link } from 'wouter';
import type { Schemas } from '../../api/types';
import { formatDate, useLang, useT, type Messages } from '../../i18n/i18n';
import { ErrorMessage, Loading, Page, SavedCopyNotice } from '../../ui/components';
import { query, useApi } from '../../ui/use-api';
import { usePaged } from '../../ui/use-paged';
import { useCaseList } from './meeting-data';
import { MeetingItem } from './meeting-item';
import type { MeetingResponse } from './meeting-types';
import './meetings.css';

const messages = {
  fr: {
    title: 'Rencontres',
    schedule: 'Planifier une rencontre',
    views: 'Affichage',
    week: 'Semaine',
    list: 'Liste à venir',
    previous: 'Semaine précédente',
    next: 'Semaine suivante',
    thisWeek: 'Cette semaine',
    weekOf: 'Semaine du {from} au {to}',
    nothing: 'Aucune rencontre.',
    noUpcoming: 'Aucune rencontre à venir.',
    today: 'aujourd’hui',
  },
  en: {
    title: 'Meetings',
    schedule: 'Schedule a meeting',
    views: 'View',
    week: 'Week',
    list: 'Upcoming list',
    previous: 'Previous week',
    next: 'Next week',
    thisWeek: 'This week',
    weekOf: 'Week of {from} to {to}',
    nothing: 'No meeting.',
    noUpcoming: 'No upcoming meeting.',
    today: 'today',
  },
} satisfies Messages<string>;

const DAY = 86_400_000;

/** Monday 00:00 (local time) of the week containing `date`. */
function mondayOf(date: Date): Date {
  const d = new Date(date);
  d.setHours(0, 0, 0, 0);
  d.setDate(d.getDate() - ((d.getDay() + 6) % 7));
  return d;
}

const sameDay = (a: Date, b: Date): boolean => a.toDateString() === b.toDateString();

/** Case code names by id (the meeting answers carry only the case id). */
function useCaseNames(): Map<string, string> {
  const cases = useCaseList();
  return useMemo(
    () => new Map((cases.data?.items ?? []).map((c) => [c.id, c.codeName])),
    [cases.data],
  );
}

function WeekView({ names }: { names: Map<string, string> }) {
  const t = useT(messages);
  const { lang } = useLang();
  const [start, setStart] = useState(() => mondayOf(new Date()));
  const end = new Date(start.getTime() + 7 * DAY + 3_600_000);
  end.setHours(0, 0, 0, 0);
  const path = `/meetings${query({ from: start.toISOString(), to: end.toISOString(), limit: 100 })}`;
  const meetings = useApi<Schemas['MeetingPage']>(path, { keep: true });
  const days = Array.from({ length: 7 }, (_, i) => {
    const d = new Date(start);
    d.setDate(d.getDate() + i);
    return d;
  });
  const dayName = new Intl.DateTimeFormat(lang === 'fr' ? 'fr-ML' : 'en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'short',
  });
  const shift = (weeks: number) => {
    const d = new Date(start);
    d.setDate(d.getDate() + 7 * weeks);
    setStart(d);
  };
  const items = [...(meetings.data?.items ?? [])].sort((a, b) =>
    a.scheduledAt.localeCompare(b.scheduledAt),
  );
  return (
    <>
      <div className="week-nav">
        <button type="button" onClick={() => shift(-1)}>
          ← {t('previous')}
        </button>
        <button type="button" onClick={() => setStart(mondayOf(new Date()))}>
          {t('thisWeek')}
        </button>
        <button type="button" onClick={() => shift(1)}>
          {t('next')} →
        </button>
      </div>
      <p className="muted" aria-live="polite">
        {t('weekOf', {
          from: formatDate(days[0].toISOString(), lang),
          to: formatDate(days[6].toISOString(), lang),
        })}
      </p>
      <SavedCopyNotice savedAt={meetings.savedAt} />
      <ErrorMessage error={meetings.error} />
      {meetings.loading && <Loading />}
      <ol className="week" data-testid="week">
        {days.map((day) => {
          const todays = items.filter((m) => sameDay(new Date(m.scheduledAt), day));
          return (
            <li
              key={day.toISOString()}
              className={`week-day${sameDay(day, new Date()) ? ' today' : ''}`}
            >
              <h2 aria-current={sameDay(day, new Date()) ? 'date' : undefined}>
                {dayName.format(day)}
                {sameDay(day, new Date()) && ` · ${t('today')}`}
              </h2>
              {todays.length === 0 ? (
                <p className="muted">{t('nothing')}</p>
              ) : (
                <ul>
                  {todays.map((m) => (
                    <MeetingItem key={m.id} meeting={m} caseName={names.get(m.caseId)} />
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ol>
    </>
  );
}

function ListView({ names }: { names: Map<string, string> }) {
  const t = useT(messages);
  const [from] = useState(() => {
    const d = new Date();
    d.setHours(0, 0, 0, 0);
    return d.toISOString();
  });
  const meetings = usePaged<MeetingResponse>(`/meetings${query({ from })}`, { keep: true });
  return (
    <>
      <SavedCopyNotice savedAt={meetings.savedAt} />
      <ul className="cards">
        {meetings.items.map((m) => (
          <MeetingItem key={m.id} meeting={m} caseName={names.get(m.caseId)} withDate />
        ))}
      </ul>
      <ListFooter list={meetings} empty={t('noUpcoming')} />
    </>
  );
}

export default function Meetings() {
  const t = useT(messages);
  const [view, setView] = useState<'week' | 'list'>('week');
  const names = useCaseNames();
  return (
    <Page
      title={t('title')}
      actions={
        <Link href="/meetings/new" className="button primary">
          {t('schedule')}
        </Link>
      }
    >
      <div className="tabs" role="group" aria-label={t('views')}>
        {(['week', 'list'] as const).map((v) => (
          <button key={v} type="button" aria-pressed={view === v} onClick={() => setView(v)}>
            {t(v)}
          </button>
        ))}
      </div>
      {view === 'week' ? <WeekView names={names} /> : <ListView names={names} />}
    </Page>
  );
}
