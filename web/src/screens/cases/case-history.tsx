import { useEffect, useRef } from 'react';
import type { Schemas } from '../../api/types';
import { formatDateTime, useLang, useT, type Messages } from '../../i18n/i18n';
import { Loaded } from '../../ui/components';
import { useApi } from '../../ui/use-api';
import type { CaseResponse } from './case-types';
import { caseWords, useCaseT, type CaseWord } from './case-words';

const messages = {
  fr: {
    heading: 'Historique',
    empty: 'Rien pour l’instant.',
    transition: '{from} → {to}',
    reason: 'Motif :',
    by: 'par {name}',
    someone: 'un membre de l’association',
    fields: 'Champs : {fields}',
    'case.create': 'Dossier créé',
    'case.update': 'Dossier modifié',
    'case.team_add': 'Membre ajouté à l’équipe',
    'case.team_remove': 'Membre retiré de l’équipe',
    'party.create': 'Partie ajoutée',
    'party.update': 'Partie modifiée',
    'party.delete': 'Partie supprimée',
    'participant.create': 'Participant ajouté',
    'participant.read_sensitive': 'Identités consultées',
    change: 'Modification',
  },
  en: {
    heading: 'History',
    empty: 'Nothing yet.',
    transition: '{from} → {to}',
    reason: 'Reason:',
    by: 'by {name}',
    someone: 'a member of the association',
    fields: 'Fields: {fields}',
    'case.create': 'Case created',
    'case.update': 'Case edited',
    'case.team_add': 'Member added to the team',
    'case.team_remove': 'Member removed from the team',
    'party.create': 'Party added',
    'party.update': 'Party edited',
    'party.delete': 'Party deleted',
    'participant.create': 'Participant added',
    'participant.read_sensitive': 'Identities read',
    change: 'Change',
  },
} satisfies Messages<string>;

type ActionKey = Exclude<keyof typeof messages.fr, 'heading'>;
const isAction = (a: string | undefined): a is ActionKey =>
  a !== undefined && a.includes('.') && a in messages.fr;

/** Transitions (with their reasons) and changes, newest first; reloaded when the case changes. */
export function CaseHistory({ value }: { value: CaseResponse }) {
  const t = useT(messages);
  const ct = useCaseT();
  const { lang } = useLang();
  const history = useApi<Schemas['CaseHistory']>(`/cases/${value.id}/history`, { keep: true });
  const team = useApi<Schemas['TeamResponse']>(`/cases/${value.id}/team`, { keep: true });
  const { reload } = history;
  const seen = useRef(value.version);
  useEffect(() => {
    if (seen.current !== value.version) {
      seen.current = value.version;
      reload();
    }
  }, [value.version, reload]);
  const fieldName = (f: string) => (f in caseWords.fr ? ct(f as CaseWord) : f);
  const nameOf = (id: string | null) =>
    team.data?.items.find((m) => m.userId === id)?.displayName ?? t('someone');

  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">{t('heading')}</h2>
      <Loaded state={history}>
        {(data) =>
          data.items.length === 0 ? (
            <p className="muted">{t('empty')}</p>
          ) : (
            <ol className="cards" aria-label={t('heading')} data-testid="history">
              {data.items.map((h, i) => (
                <li key={`${h.occurredAt}-${i}`} className="card">
                  <p className="muted">
                    {formatDateTime(h.occurredAt, lang)} ·{' '}
                    {t('by', { name: nameOf(h.actorUserId) })}
                  </p>
                  {h.kind === 'transition' && h.from && h.to ? (
                    <>
                      <p className="card-title">
                        {t('transition', {
                          from: ct(`status_${h.from}`),
                          to: ct(`status_${h.to}`),
                        })}
                      </p>
                      {h.reason && (
                        <p>
                          {t('reason')} {h.reason}
                        </p>
                      )}
                    </>
                  ) : (
                    <>
                      <p className="card-title">{isAction(h.action) ? t(h.action) : t('change')}</p>
                      {h.fields && h.fields.length > 0 && (
                        <p className="muted">
                          {t('fields', { fields: h.fields.map(fieldName).join(', ') })}
                        </p>
                      )}
                    </>
                  )}
                </li>
              ))}
            </ol>
          )
        }
      </Loaded>
    </section>
  );
}
