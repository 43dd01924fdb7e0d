import { useState } from 'react';
import { discardOutboxItem, flushOutbox } from '../../offline/outbox';
import { useOnline, useOutbox } from '../../offline/use-outbox';
import { formatDateTime, useLang, useT, type Messages } from '../../i18n/i18n';
import { Page } from '../../ui/components';

const messages = {
  fr: {
    title: "File d'envoi",
    intro:
      'Ce qui a été enregistré sans connexion attend ici, sur cet appareil, et part dès que le réseau revient. Rien ne sera créé deux fois.',
    empty: 'Rien en attente : tout a été envoyé.',
    sendNow: 'Envoyer maintenant',
    offline: 'Hors ligne',
    waiting: 'En attente',
    refused: 'Refusé par le serveur',
    discard: 'Retirer de la file',
    discardConfirm: 'Retirer cet élément ? Il ne sera jamais envoyé.',
    savedAt: 'Enregistré le {date}',
  },
  en: {
    title: 'Outbox',
    intro:
      'What was saved without a connection waits here, on this device, and is sent as soon as the network is back. Nothing is created twice.',
    empty: 'Nothing waiting: everything was sent.',
    sendNow: 'Send now',
    offline: 'Offline',
    waiting: 'Waiting',
    refused: 'Refused by the server',
    discard: 'Remove from the queue',
    discardConfirm: 'Remove this item? It will never be sent.',
    savedAt: 'Saved on {date}',
  },
} satisfies Messages<string>;

export default function Outbox() {
  const t = useT(messages);
  const { lang } = useLang();
  const items = useOutbox();
  const online = useOnline();
  const [sending, setSending] = useState(false);

  const sendNow = () => {
    setSending(true);
    void flushOutbox().finally(() => setSending(false));
  };

  return (
    <Page
      title={t('title')}
      actions={
        items.length > 0 && (
          <button type="button" onClick={sendNow} disabled={sending}>
            {t('sendNow')}
          </button>
        )
      }
    >
      <p>{t('intro')}</p>
      {!online && <p className="alert alert-warning">{t('offline')}</p>}
      {items.length === 0 ? (
        <p data-testid="outbox-empty">{t('empty')}</p>
      ) : (
        <ul className="cards" data-testid="outbox-items">
          {items.map((item) => (
            <li key={item.id} className="card">
              <p>
                <strong>{item.label}</strong>
              </p>
              <p className="muted">
                {t('savedAt', {
                  date: formatDateTime(new Date(item.createdAt).toISOString(), lang),
                })}
                {' · '}
                {item.failed ? t('refused') : t('waiting')}
              </p>
              {item.failed && (
                <>
                  <p className="alert alert-error" role="alert">
                    <strong>{item.failed.title}</strong>
                    {item.failed.detail ? ` — ${item.failed.detail}` : ''}
                  </p>
                  <button
                    type="button"
                    onClick={() => {
                      if (window.confirm(t('discardConfirm'))) void discardOutboxItem(item.id);
                    }}
                  >
                    {t('discard')}
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}
