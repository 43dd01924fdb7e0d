import { LoadMore } from '../../ui/lists';
import { useState } from 'react';
import { Link } from 'wouter';
import { useSignedInUser } from '../../auth/session';
import { formatDate, useLang, useT, type Messages } from '../../i18n/i18n';
import type { MissionOrderReadStatus } from '../../api/vocabulary';
import { ErrorMessage, Field, Loading, Page } from '../../ui/components';
import { EnumSelect } from '../../ui/lists';
import { query } from '../../ui/use-api';
import { usePaged } from '../../ui/use-paged';
import { READ_STATUSES, type MissionOrderResponse } from './mo-types';
import { moWords, OrderStatusPill } from './mo-words';

const messages = {
  fr: {
    title: 'Ordres de mission',
    inbox: 'Demandes d’ordres de mission',
    request: 'Demander un ordre de mission',
    status: 'Statut',
    all: 'Tous',
    empty: 'Aucun ordre de mission.',
    validity: 'Du {from} au {to}',
  },
  en: {
    title: 'Mission orders',
    inbox: 'Mission order requests',
    request: 'Request a mission order',
    status: 'Status',
    all: 'All',
    empty: 'No mission order.',
    validity: 'From {from} to {to}',
  },
} satisfies Messages<string>;

export default function MissionOrders() {
  const t = useT(messages);
  const w = useT(moWords);
  const { lang } = useLang();
  const user = useSignedInUser();
  const field = user.role === 'mediator' || user.role === 'coordinator';
  // An official's inbox opens on what waits for their decision.
  const [status, setStatus] = useState<MissionOrderReadStatus | ''>(
    user.role === 'official' ? 'requested' : '',
  );
  const orders = usePaged<MissionOrderResponse>(`/mission-orders${query({ status })}`);

  return (
    <Page
      title={user.role === 'official' ? t('inbox') : t('title')}
      actions={
        field && (
          <Link href="/mission-orders/new" className="button primary">
            {t('request')}
          </Link>
        )
      }
    >
      <Field label={t('status')}>
        {(p) => (
          <EnumSelect
            {...p}
            values={READ_STATUSES}
            value={status}
            onChange={setStatus}
            label={(s) => w(`status_${s}`)}
            empty={t('all')}
          />
        )}
      </Field>
      <ErrorMessage error={orders.error} />
      {orders.items.length === 0 && !orders.loading && !orders.error && (
        <p className="muted">{t('empty')}</p>
      )}
      <ul className="cards">
        {orders.items.map((o) => (
          <li key={o.id} className="card" data-testid="order-card">
            <Link href={`/mission-orders/${o.id}`} className="card-title card-link" data-card-link>
              {o.orderNumber}
            </Link>
            <p>
              <OrderStatusPill status={o.status} /> {o.authorityName}
            </p>
            <p>{o.areas.map((a) => a.name).join(', ')}</p>
            {o.case && (
              <p>
                {o.case.codeName} · {o.case.commune}
              </p>
            )}
            <p className="muted">
              {t('validity', {
                from: formatDate(o.validFrom, lang),
                to: formatDate(o.validUntil, lang),
              })}
            </p>
          </li>
        ))}
      </ul>
      {orders.loading && <Loading />}
      <LoadMore list={orders} />
    </Page>
  );
}
