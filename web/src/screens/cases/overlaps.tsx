import { useT, type Messages } from '../../i18n/i18n';
import type { Overlap } from './case-types';
import { useCaseT } from './case-words';

const messages = {
  fr: {
    title: 'D’autres associations mènent déjà un processus dans cette commune',
    none: 'Aucun processus actif d’une autre association dans cette commune.',
    line: '{association} — {type}, {status}, depuis {month}',
  },
  en: {
    title: 'Other associations already run a process in this commune',
    none: 'No active process of another association in this commune.',
    line: '{association} — {type}, {status}, since {month}',
  },
} satisfies Messages<string>;

/** The registry entries of a commune: who else works there (no content, by design). */
export function Overlaps({ items, showNone = true }: { items: Overlap[]; showNone?: boolean }) {
  const t = useT(messages);
  const ct = useCaseT();
  if (items.length === 0)
    return showNone ? (
      <p className="alert alert-info" role="status" data-testid="overlaps">
        {t('none')}
      </p>
    ) : null;
  return (
    <div className="alert alert-warning overlaps" role="status" data-testid="overlaps">
      <p>
        <strong>{t('title')}</strong>
      </p>
      <ul>
        {items.map((o, i) => (
          <li key={`${o.associationName}-${i}`}>
            {t('line', {
              association: o.associationName,
              type: ct(`type_${o.type}`),
              status: ct(`status_${o.status}`),
              month: o.startedMonth,
            })}
          </li>
        ))}
      </ul>
    </div>
  );
}
