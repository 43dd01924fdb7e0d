import { Fragment, useState } from 'react';
import type { Schemas } from '../../api/types';
import { HEALTH_LEVELS } from '../../api/vocabulary';
import { useT, type Messages } from '../../i18n/i18n';
import { common } from '../../ui/common-messages';
import { Field, Loaded } from '../../ui/components';
import { EnumSelect } from '../../ui/lists';
import { useApi } from '../../ui/use-api';
import { useWide } from './use-wide';

const messages = {
  fr: {
    groupBy: 'Regrouper par',
    region: 'Région',
    cercle: 'Cercle',
    area: 'Zone',
    intro: 'Nombre d’accords suivis par état de santé.',
    rule: 'Tout nombre inférieur à 3, zéro compris, s’affiche « <3 » pour qu’un petit village ne puisse pas être reconnu ; « x » : chiffre de région retenu, car il permettrait de retrouver un « <3 » de ses cercles.',
    none: 'Aucun cercle dans votre périmètre (pour un officiel : la juridiction de son autorité ne couvre aucun cercle entier).',
    caption: 'Accords par zone et par état de santé',
  },
  en: {
    groupBy: 'Group by',
    region: 'Region',
    cercle: 'Cercle',
    area: 'Area',
    intro: 'Number of monitored accords by health level.',
    rule: 'Any count below 3, zero included, shows as “<3” so that a small village cannot be singled out; “x”: a region figure withheld because it would reveal a “<3” of its cercles.',
    none: 'No cercle in your scope (for an official: their authority’s jurisdiction covers no whole cercle).',
    caption: 'Accords by area and health level',
  },
} satisfies Messages<string>;

type Stats = Schemas['AccordStatsResponse'];
type GroupBy = Stats['groupBy'];

/**
 * A count as the API gives it: an exact number (0 included: no accord at that
 * level) where the viewer may see exact counts, "<3" where it is suppressed.
 */
const countText = (count: Stats['items'][number]['counts']['stable']): string =>
  typeof count === 'number' ? String(count) : count;

/** The cercle first: the finer grouping an official usually wants. */
const GROUPINGS: readonly GroupBy[] = ['cercle', 'region'];

/** Aggregated accord health per area: no case, no name, small cells suppressed by the API. */
export function AccordStats() {
  const t = useT(messages);
  const c = useT(common);
  const wide = useWide();
  const [groupBy, setGroupBy] = useState<GroupBy>('cercle');
  const state = useApi<Stats>(`/stats/accords?groupBy=${groupBy}`);
  return (
    <>
      <p>{t('intro')}</p>
      <p className="muted" data-testid="suppression-rule">
        {t('rule')}
      </p>
      <div className="group-by">
        <Field label={t('groupBy')}>
          {(p) => (
            <EnumSelect
              {...p}
              values={GROUPINGS}
              value={groupBy}
              label={(g) => t(g)}
              onChange={(g) => g && setGroupBy(g)}
            />
          )}
        </Field>
      </div>
      <Loaded state={state}>
        {(s) =>
          s.items.length === 0 ? (
            <p className="muted">{t('none')}</p>
          ) : wide ? (
            <div className="table-wrap">
              <table data-testid="accord-stats">
                <caption className="muted">{t('caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('area')}</th>
                    {HEALTH_LEVELS.map((l) => (
                      <th scope="col" key={l}>
                        {c(`health_${l}`)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {s.items.map((a) => (
                    <tr key={a.areaId}>
                      <th scope="row">{a.areaName}</th>
                      {HEALTH_LEVELS.map((l) => (
                        <td key={l} className="stat-cell" data-level={l}>
                          {countText(a.counts[l])}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <ul className="cards" data-testid="accord-stats">
              {s.items.map((a) => (
                <li key={a.areaId} className="card">
                  <p className="card-title">{a.areaName}</p>
                  <dl className="facts">
                    {HEALTH_LEVELS.map((l) => (
                      <Fragment key={l}>
                        <dt>{c(`health_${l}`)}</dt>
                        <dd className="stat-cell" data-level={l}>
                          {countText(a.counts[l])}
                        </dd>
                      </Fragment>
                    ))}
                  </dl>
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
    </>
  );
}
