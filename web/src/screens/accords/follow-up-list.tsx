import { LoadMore } from '../../ui/lists';
import { formatDate, formatDateTime, useLang, useT, type Messages } from '../../i18n/i18n';
import { ErrorMessage, Loading, SavedCopyNotice } from '../../ui/components';
import { usePaged } from '../../ui/use-paged';
import type { FollowUp } from './accord-types';
import { words } from './accord-words';
import { scoreText } from './health';

const messages = {
  fr: {
    none: 'Aucun suivi enregistré.',
    score: 'Mise en œuvre : {score}',
    overall: 'Jugement : {overall}',
    incidents: '{n} incident(s)',
    violated: '{n} engagement(s) violé(s)',
    next: 'Prochain suivi : {date}',
  },
  en: {
    none: 'No follow-up recorded.',
    score: 'Implementation: {score}',
    overall: 'Judgement: {overall}',
    incidents: '{n} incident(s)',
    violated: '{n} term(s) violated',
    next: 'Next check: {date}',
  },
} satisfies Messages<string>;

/** The accord's checks, newest first, with the implementation score of each. */
export function FollowUpList({ accordId }: { accordId: string }) {
  const t = useT(messages);
  const w = useT(words);
  const { lang } = useLang();
  const list = usePaged<FollowUp>(`/accords/${accordId}/follow-ups`, { keep: true });
  if (list.loading && list.items.length === 0) return <Loading />;
  return (
    <>
      <SavedCopyNotice savedAt={list.savedAt} />
      <ErrorMessage error={list.error} />
      {list.items.length === 0 && !list.error && <p className="muted">{t('none')}</p>}
      <ul className="cards" data-testid="follow-ups" hidden={list.items.length === 0}>
        {list.items.map((f) => {
          const violated = f.assessments.filter((a) => a.status === 'violated').length;
          return (
            <li key={f.id} className="card" data-testid="follow-up">
              <p className="card-title">
                {formatDateTime(f.checkedAt, lang)} · {w(`method_${f.method}`)}
              </p>
              <p>{t('overall', { overall: w(`overall_${f.overall}`) })}</p>
              <p>{t('score', { score: scoreText(f.implementationScore) })}</p>
              {violated > 0 && <p>{t('violated', { n: violated })}</p>}
              {f.incidents.length > 0 && <p>{t('incidents', { n: f.incidents.length })}</p>}
              <p className="muted">{t('next', { date: formatDate(f.nextCheckDue, lang) })}</p>
            </li>
          );
        })}
      </ul>
      <LoadMore list={list} />
    </>
  );
}
