import { LoadMore } from '../../ui/lists';
import { Fragment, useState } from 'react';
import { Link } from 'wouter';
import type { Schemas } from '../../api/types';
import { formatDate, useLang, useT, type Messages } from '../../i18n/i18n';
import { ErrorMessage, HealthBadge, Loaded, Loading } from '../../ui/components';
import { useApi } from '../../ui/use-api';
import { usePaged } from '../../ui/use-paged';
import type { AccordDetail } from '../accords/accord-types';
import { FlagList, isOpenFlag, RaiseFlagForm } from '../accords/flags';
import { Reasons, scoreText } from '../accords/health';
import { useWide } from './use-wide';

const messages = {
  fr: {
    none: 'Aucun accord suivi pour le moment.',
    case: 'Dossier',
    commune: 'Commune',
    health: 'Santé',
    overdue: 'Retard',
    daysOverdue: '{n} j de retard',
    onTime: 'À jour',
    lastCheck: 'Dernier suivi',
    nextDue: 'Prochain suivi',
    score: 'Mise en œuvre',
    actions: 'Actions',
    never: 'jamais',
    open: "Ouvrir l'accord",
    openOf: "Ouvrir l'accord du dossier {name}",
    flag: 'Signaler',
    flagOf: "Signaler l'accord du dossier {name}",
    flags: 'Alertes en cours',
    flagsOf: 'Alertes en cours du dossier {name}',
    hide: 'Masquer',
  },
  en: {
    none: 'No monitored accord yet.',
    case: 'Case',
    commune: 'Commune',
    health: 'Health',
    overdue: 'Overdue',
    daysOverdue: '{n} d overdue',
    onTime: 'On time',
    lastCheck: 'Last check',
    nextDue: 'Next check',
    score: 'Implementation',
    actions: 'Actions',
    never: 'never',
    open: 'Open the accord',
    openOf: 'Open the accord of case {name}',
    flag: 'Flag',
    flagOf: 'Flag the accord of case {name}',
    flags: 'Open flags',
    flagsOf: 'Open flags of case {name}',
    hide: 'Hide',
  },
} satisfies Messages<string>;

type Row = Schemas['DashboardAccordResponse'];

type Panel = { accordId: string; what: 'raise' | 'flags' } | null;

/** The open flags of one accord (the dashboard row does not carry them), to read and resolve. */
function OpenFlags({ accordId, onChanged }: { accordId: string; onChanged: () => void }) {
  const state = useApi<AccordDetail>(`/accords/${accordId}`);
  return (
    <Loaded state={state}>
      {(a) => (
        <FlagList
          flags={a.flags.filter(isOpenFlag)}
          canResolve
          onChanged={() => {
            state.reload();
            onChanged();
          }}
        />
      )}
    </Loaded>
  );
}

function Actions({
  row,
  panel,
  setPanel,
}: {
  row: Row;
  panel: Panel;
  setPanel: (p: Panel) => void;
}) {
  const t = useT(messages);
  const hasFlag = row.health.reasons.some((r) => r === 'flag_open' || r === 'high_flag_open');
  const toggle = (what: 'raise' | 'flags') =>
    setPanel(
      panel?.accordId === row.accordId && panel.what === what
        ? null
        : { accordId: row.accordId, what },
    );
  const name = row.caseCodeName;
  return (
    <div className="row">
      <Link href={`/accords/${row.accordId}`} aria-label={t('openOf', { name })}>
        {t('open')}
      </Link>
      <button
        type="button"
        aria-label={t('flagOf', { name })}
        aria-expanded={panel?.accordId === row.accordId && panel.what === 'raise'}
        onClick={() => toggle('raise')}
      >
        {t('flag')}
      </button>
      {hasFlag && (
        <button
          type="button"
          aria-label={t('flagsOf', { name })}
          aria-expanded={panel?.accordId === row.accordId && panel.what === 'flags'}
          onClick={() => toggle('flags')}
        >
          {t('flags')}
        </button>
      )}
    </div>
  );
}

function RowPanel({
  row,
  panel,
  close,
  reload,
}: {
  row: Row;
  panel: Panel;
  close: () => void;
  reload: () => void;
}) {
  if (panel?.accordId !== row.accordId) return null;
  if (panel.what === 'raise')
    return (
      <RaiseFlagForm
        accordId={row.accordId}
        onDone={() => {
          close();
          reload();
        }}
        onCancel={close}
      />
    );
  return <OpenFlags accordId={row.accordId} onChanged={reload} />;
}

/** Accords of the association, worst first: what a coordinator must look at today. */
export function CoordinatorBoard() {
  const t = useT(messages);
  const { lang } = useLang();
  const wide = useWide();
  const list = usePaged<Row>('/dashboard/accords');
  const [panel, setPanel] = useState<Panel>(null);
  const close = () => setPanel(null);
  const overdue = (r: Row) =>
    r.daysOverdue > 0 ? t('daysOverdue', { n: r.daysOverdue }) : t('onTime');
  const last = (r: Row) => (r.lastCheckedAt ? formatDate(r.lastCheckedAt, lang) : t('never'));

  if (list.loading && list.items.length === 0) return <Loading />;
  return (
    <>
      <ErrorMessage error={list.error} />
      {list.items.length === 0 && !list.error && <p className="muted">{t('none')}</p>}
      {list.items.length > 0 && wide && (
        <div className="table-wrap">
          <table data-testid="dashboard-accords">
            <thead>
              <tr>
                <th scope="col">{t('case')}</th>
                <th scope="col">{t('commune')}</th>
                <th scope="col">{t('health')}</th>
                <th scope="col">{t('overdue')}</th>
                <th scope="col">{t('lastCheck')}</th>
                <th scope="col">{t('nextDue')}</th>
                <th scope="col">{t('score')}</th>
                <th scope="col">{t('actions')}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((r) => (
                <Fragment key={r.accordId}>
                  <tr data-testid="dashboard-row" data-accord-id={r.accordId}>
                    <th scope="row">
                      <Link href={`/cases/${r.caseId}`}>{r.caseCodeName}</Link>
                    </th>
                    <td>{r.areaName}</td>
                    <td>
                      <HealthBadge level={r.health.level} />
                      <Reasons reasons={r.health.reasons} />
                    </td>
                    <td>{overdue(r)}</td>
                    <td>{last(r)}</td>
                    <td>{formatDate(r.nextCheckDue, lang)}</td>
                    <td>{scoreText(r.implementationScore)}</td>
                    <td>
                      <Actions row={r} panel={panel} setPanel={setPanel} />
                    </td>
                  </tr>
                  {panel?.accordId === r.accordId && (
                    <tr>
                      <td colSpan={8}>
                        <RowPanel row={r} panel={panel} close={close} reload={list.reload} />
                      </td>
                    </tr>
                  )}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.items.length > 0 && !wide && (
        <ul className="cards" data-testid="dashboard-accords">
          {list.items.map((r) => (
            <li
              key={r.accordId}
              className="card"
              data-testid="dashboard-row"
              data-accord-id={r.accordId}
            >
              <p className="card-title">
                <Link href={`/cases/${r.caseId}`}>{r.caseCodeName}</Link> · {r.areaName}
              </p>
              <HealthBadge level={r.health.level} />
              <Reasons reasons={r.health.reasons} />
              <dl className="facts">
                <dt>{t('overdue')}</dt>
                <dd>{overdue(r)}</dd>
                <dt>{t('lastCheck')}</dt>
                <dd>{last(r)}</dd>
                <dt>{t('nextDue')}</dt>
                <dd>{formatDate(r.nextCheckDue, lang)}</dd>
                <dt>{t('score')}</dt>
                <dd>{scoreText(r.implementationScore)}</dd>
              </dl>
              <Actions row={r} panel={panel} setPanel={setPanel} />
              <RowPanel row={r} panel={panel} close={close} reload={list.reload} />
            </li>
          ))}
        </ul>
      )}
      <LoadMore list={list} />
    </>
  );
}
