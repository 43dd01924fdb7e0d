import { useState } from 'react';
import { formatDate, formatDateTime, useLang, useT, type Messages } from '../../i18n/i18n';
import { Loaded, StatusPill } from '../../ui/components';
import { useApi } from '../../ui/use-api';
import { TERM_CATEGORIES } from '../../api/vocabulary';
import type { Party, Term, TermHistory } from './accord-types';
import { words } from './accord-words';
import { TermForm } from './term-form';

const messages = {
  fr: {
    number: 'Engagement n° {n}',
    bound: 'Engagé : {name}',
    beneficiary: 'Au bénéfice de : {name}',
    concession: 'Concession',
    deadline: 'Échéance : {date}',
    latest: 'Dernier suivi ({date}) : {status}',
    neverChecked: 'Pas encore suivi',
    edit: 'Modifier',
    history: 'Historique des modifications',
    hideHistory: "Masquer l'historique",
    noHistory: 'Jamais modifié.',
    revision: 'Le {date}, avant : « {text} » ({category})',
    unknownParty: 'partie inconnue',
    none: "Aucun engagement pour l'instant.",
  },
  en: {
    number: 'Term {n}',
    bound: 'Bound: {name}',
    beneficiary: 'For the benefit of: {name}',
    concession: 'Concession',
    deadline: 'Deadline: {date}',
    latest: 'Last check ({date}): {status}',
    neverChecked: 'Not checked yet',
    edit: 'Edit',
    history: 'Amendment history',
    hideHistory: 'Hide the history',
    noHistory: 'Never amended.',
    revision: 'On {date}, before: “{text}” ({category})',
    unknownParty: 'unknown party',
    none: 'No terms yet.',
  },
} satisfies Messages<string>;

function History({ termId }: { termId: string }) {
  const t = useT(messages);
  const w = useT(words);
  const { lang } = useLang();
  const state = useApi<TermHistory>(`/terms/${termId}/history`);
  return (
    <Loaded state={state}>
      {(h) =>
        h.items.length === 0 ? (
          <p className="muted">{t('noHistory')}</p>
        ) : (
          <ul data-testid="term-history">
            {h.items.map((r) => (
              <li key={r.id}>
                {t('revision', {
                  date: formatDateTime(r.changedAt, lang),
                  text: r.previousText,
                  category: w(`category_${r.previousCategory}`),
                })}
              </li>
            ))}
          </ul>
        )
      }
    </Loaded>
  );
}

function TermCard({
  term,
  parties,
  onChanged,
}: {
  term: Term;
  parties: Party[];
  onChanged: () => void;
}) {
  const t = useT(messages);
  const w = useT(words);
  const { lang } = useLang();
  const [editing, setEditing] = useState(false);
  const [showHistory, setShowHistory] = useState(false);
  const nameOf = (id: string | null) => parties.find((p) => p.id === id)?.name ?? t('unknownParty');
  const latest = term.latestAssessment;
  return (
    <li className="card" data-testid="term" data-category={term.category}>
      <p className="term-meta" data-testid="term-number">
        {t('number', { n: term.number })}
      </p>
      <p>{term.text}</p>
      <p className="term-meta">{t('bound', { name: nameOf(term.obligorPartyId) })}</p>
      {term.beneficiaryPartyId && (
        <p className="term-meta">{t('beneficiary', { name: nameOf(term.beneficiaryPartyId) })}</p>
      )}
      <p className="row term-meta">
        {term.isConcession && <StatusPill tone="info">{t('concession')}</StatusPill>}
        {term.deadline && <span>{t('deadline', { date: formatDate(term.deadline, lang) })}</span>}
      </p>
      <p className="term-meta" data-status={latest?.status ?? ''}>
        {latest
          ? t('latest', {
              date: formatDate(latest.checkedAt, lang),
              status: w(`status_${latest.status}`),
            })
          : t('neverChecked')}
      </p>
      {latest?.note && <p className="muted">{latest.note}</p>}
      <div className="row">
        <button type="button" aria-expanded={editing} onClick={() => setEditing((e) => !e)}>
          {t('edit')}
        </button>
        <button
          type="button"
          className="link-button"
          aria-expanded={showHistory}
          onClick={() => setShowHistory((s) => !s)}
        >
          {showHistory ? t('hideHistory') : t('history')}
        </button>
      </div>
      {editing && (
        <TermForm
          accordId={term.accordId}
          parties={parties}
          term={term}
          onDone={() => {
            setEditing(false);
            onChanged();
          }}
          onCancel={() => setEditing(false)}
        />
      )}
      {showHistory && <History termId={term.id} />}
    </li>
  );
}

/** The terms grouped by category, in the taxonomy's order. */
export function TermList({
  terms,
  parties,
  onChanged,
}: {
  terms: Term[];
  parties: Party[];
  onChanged: () => void;
}) {
  const t = useT(messages);
  const w = useT(words);
  if (terms.length === 0) return <p className="muted">{t('none')}</p>;
  return (
    <>
      {TERM_CATEGORIES.filter((c) => terms.some((term) => term.category === c)).map((c) => (
        <div key={c} className="term-group">
          <h3>{w(`category_${c}`)}</h3>
          <ul className="cards">
            {terms
              .filter((term) => term.category === c)
              .map((term) => (
                <TermCard key={term.id} term={term} parties={parties} onChanged={onChanged} />
              ))}
          </ul>
        </div>
      ))}
    </>
  );
}
