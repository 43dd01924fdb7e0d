import { Link, useParams } from 'wouter';
import { useSignedInUser } from '../../auth/session';
import { formatDate, formatDateTime, useLang, useT, type Messages } from '../../i18n/i18n';
import { Loaded, Page } from '../../ui/components';
import { useApi } from '../../ui/use-api';
import { Credentials } from './mo-credentials';
import { Decision } from './mo-decision';
import type { MissionOrderResponse } from './mo-types';
import { OrderStatusPill, useHolderName } from './mo-words';

const messages = {
  fr: {
    title: 'Ordre de mission',
    titleOf: 'Ordre de mission {number}',
    status: 'Statut',
    authority: 'Autorité',
    holders: 'Titulaires',
    areas: 'Zones',
    purpose: 'Objet',
    validity: 'Validité',
    validityText: 'du {from} au {to}',
    case: 'Dossier',
    decidedAt: 'Décidé le',
    reason: 'Motif',
    list: 'Tous les ordres',
  },
  en: {
    title: 'Mission order',
    titleOf: 'Mission order {number}',
    status: 'Status',
    authority: 'Authority',
    holders: 'Holders',
    areas: 'Areas',
    purpose: 'Purpose',
    validity: 'Validity',
    validityText: 'from {from} to {to}',
    case: 'Case',
    decidedAt: 'Decided on',
    reason: 'Reason',
    list: 'All orders',
  },
} satisfies Messages<string>;

function Facts({ order }: { order: MissionOrderResponse }) {
  const t = useT(messages);
  const { lang } = useLang();
  const nameOf = useHolderName();
  return (
    <dl className="facts">
      <dt>{t('status')}</dt>
      <dd data-testid="order-status">
        <OrderStatusPill status={order.status} />
      </dd>
      <dt>{t('authority')}</dt>
      <dd>{order.authorityName}</dd>
      <dt>{t('holders')}</dt>
      <dd>{order.holderUserIds.map((id, i) => nameOf(id, i)).join(', ')}</dd>
      <dt>{t('areas')}</dt>
      <dd>{order.areas.map((a) => a.name).join(', ')}</dd>
      <dt>{t('validity')}</dt>
      <dd>
        {t('validityText', {
          from: formatDateTime(order.validFrom, lang),
          to: formatDateTime(order.validUntil, lang),
        })}
      </dd>
      <dt>{t('purpose')}</dt>
      <dd>{order.purpose}</dd>
      {order.case && (
        <>
          <dt>{t('case')}</dt>
          <dd>
            {order.case.codeName} · {order.case.commune}
          </dd>
        </>
      )}
      {order.decidedAt && (
        <>
          <dt>{t('decidedAt')}</dt>
          <dd>{formatDate(order.decidedAt, lang)}</dd>
        </>
      )}
      {order.decisionReason && (
        <>
          <dt>{t('reason')}</dt>
          <dd>{order.decisionReason}</dd>
        </>
      )}
    </dl>
  );
}

export default function MissionOrderPage() {
  const t = useT(messages);
  const { id } = useParams<{ id: string }>();
  const user = useSignedInUser();
  const order = useApi<MissionOrderResponse>(`/mission-orders/${id}`);
  const nameOf = useHolderName();
  return (
    <Page
      title={order.data ? t('titleOf', { number: order.data.orderNumber }) : t('title')}
      actions={<Link href="/mission-orders">{t('list')}</Link>}
    >
      <Loaded state={order}>
        {(o) => (
          <>
            <Facts order={o} />
            {user.role === 'official' && <Decision order={o} onDecided={order.reload} />}
            {o.status === 'approved' && <Credentials key={o.version} order={o} nameOf={nameOf} />}
          </>
        )}
      </Loaded>
    </Page>
  );
}
