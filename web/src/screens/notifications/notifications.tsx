import { LoadMore } from '../../ui/lists';
import { useState } from 'react';
import { Link } from 'wouter';
import { api } from '../../api/client';
import type { Schemas } from '../../api/types';
import { formatDateTime, useLang, useT, type Messages } from '../../i18n/i18n';
import { ErrorMessage, Loading, Page } from '../../ui/components';
import { query } from '../../ui/use-api';
import { usePaged } from '../../ui/use-paged';
import { useAction } from '../../ui/use-action';
import './notifications.css';

const messages = {
  fr: {
    title: 'Notifications',
    onlyUnread: 'Seulement les non lues',
    empty: 'Aucune notification.',
    emptyUnread: 'Aucune notification non lue.',
    unread: 'Non lue',
    read: 'Lue',
    markRead: 'Marquer comme lue',
    list: 'Notifications',
    kind_case_assigned: 'Vous avez été ajouté à l’équipe d’un dossier.',
    kind_coordination_request:
      'Une autre association demande à se coordonner sur une commune où vous intervenez.',
    kind_mission_order_decided: 'Une décision a été prise sur un ordre de mission.',
    kind_follow_up_due: 'Un suivi d’accord est à faire bientôt.',
    kind_follow_up_overdue: 'Un suivi d’accord est en retard.',
    kind_flag_raised: 'Une alerte a été signalée sur un accord.',
    kind_totp_reset:
      'Un administrateur a réinitialisé votre double vérification. Si vous ne l’avez pas demandé, prévenez votre coordinateur.',
    kind_other: 'Nouvelle notification.',
    open_case: 'Ouvrir le dossier',
    open_accord: 'Ouvrir l’accord',
    open_mission_order: 'Ouvrir l’ordre de mission',
    message: 'Message : {text}',
  },
  en: {
    title: 'Notifications',
    onlyUnread: 'Unread only',
    empty: 'No notifications.',
    emptyUnread: 'No unread notifications.',
    unread: 'Unread',
    read: 'Read',
    markRead: 'Mark as read',
    list: 'Notifications',
    kind_case_assigned: 'You were added to a case team.',
    kind_coordination_request:
      'Another association asks to coordinate on a commune where you work.',
    kind_mission_order_decided: 'A mission order was decided.',
    kind_follow_up_due: 'An accord follow-up is due soon.',
    kind_follow_up_overdue: 'An accord follow-up is overdue.',
    kind_flag_raised: 'A flag was raised on an accord.',
    kind_totp_reset:
      'An administrator reset your two-step verification. If you did not ask for it, tell your coordinator.',
    kind_other: 'New notification.',
    open_case: 'Open the case',
    open_accord: 'Open the accord',
    open_mission_order: 'Open the mission order',
    message: 'Message: {text}',
  },
} satisfies Messages<string>;

type Key = keyof typeof messages.fr;

type NotificationItem = Schemas['NotificationResponse'];

const KINDS = [
  'case_assigned',
  'coordination_request',
  'mission_order_decided',
  'follow_up_due',
  'follow_up_overdue',
  'flag_raised',
  'totp_reset',
];
/** The screens a notification's subject opens on. */
const LINKS: Record<string, { path: string; label: Key }> = {
  case: { path: '/cases/', label: 'open_case' },
  accord: { path: '/accords/', label: 'open_accord' },
  mission_order: { path: '/mission-orders/', label: 'open_mission_order' },
};

function NotificationCard({
  item,
  onRead,
}: {
  item: NotificationItem;
  onRead: (n: NotificationItem) => void;
}) {
  const t = useT(messages);
  const { lang } = useLang();
  const action = useAction();
  const link = item.subjectId ? LINKS[item.subjectType] : undefined;
  const text = KINDS.includes(item.kind) ? t(`kind_${item.kind}` as Key) : t('kind_other');

  function markRead() {
    void action.run(async () => {
      onRead(await api.post<NotificationItem>(`/notifications/${item.id}/read`));
    });
  }

  return (
    <li
      className={`card notification${item.readAt ? '' : ' notification-unread'}`}
      data-testid="notification"
      data-kind={item.kind}
    >
      <p className="row">
        <span className={`pill ${item.readAt ? '' : 'pill-info'}`}>
          {item.readAt ? t('read') : t('unread')}
        </span>
        <time dateTime={item.createdAt} className="muted">
          {formatDateTime(item.createdAt, lang)}
        </time>
      </p>
      <p className={item.readAt ? undefined : 'notification-text'}>{text}</p>
      {item.message && <p>{t('message', { text: item.message })}</p>}
      <ErrorMessage error={action.error} />
      <div className="row">
        {link && (
          <Link href={`${link.path}${item.subjectId}`} className="button">
            {t(link.label)}
          </Link>
        )}
        {!item.readAt && (
          <button type="button" disabled={action.busy} onClick={markRead}>
            {t('markRead')}
          </button>
        )}
      </div>
    </li>
  );
}

/** The user's notifications, newest first, each in words from its kind. */
export default function Notifications() {
  const t = useT(messages);
  const [unreadOnly, setUnreadOnly] = useState(false);
  const list = usePaged<NotificationItem>(`/notifications${query({ unread: unreadOnly || null })}`);
  const [read, setRead] = useState<Record<string, NotificationItem>>({});

  return (
    <Page title={t('title')}>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={unreadOnly}
          onChange={(e) => {
            setUnreadOnly(e.target.checked);
            setRead({});
          }}
        />
        {t('onlyUnread')}
      </label>
      <ErrorMessage error={list.error} />
      {list.items.length === 0 && !list.loading && !list.error && (
        <p className="muted">{unreadOnly ? t('emptyUnread') : t('empty')}</p>
      )}
      <ul className="cards" aria-label={t('list')}>
        {list.items.map((item) => (
          <NotificationCard
            key={item.id}
            item={read[item.id] ?? item}
            onRead={(n) => setRead((m) => ({ ...m, [n.id]: n }))}
          />
        ))}
      </ul>
      {list.loading && <Loading />}
      <LoadMore list={list} />
    </Page>
  );
}
