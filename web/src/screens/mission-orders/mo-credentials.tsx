import { useState } from 'react';
import { apiRequest } from '../../api/client';
import { useT, type Messages } from '../../i18n/i18n';
import { ErrorMessage, Loaded } from '../../ui/components';
import { useAction } from '../../ui/use-action';
import { useApi } from '../../ui/use-api';
import type { Credential, MissionOrderResponse } from './mo-types';

const messages = {
  fr: {
    heading: 'Documents des titulaires',
    pdf: 'Télécharger le PDF',
    token: 'Jeton de vérification',
    copy: 'Copier le jeton',
    copied: 'Jeton copié.',
  },
  en: {
    heading: 'Holders’ documents',
    pdf: 'Download PDF',
    token: 'Verification token',
    copy: 'Copy the token',
    copied: 'Token copied.',
  },
} satisfies Messages<string>;

/** Fetches the PDF with the bearer token (a plain link would carry none) and saves it. */
async function downloadPdf(order: MissionOrderResponse, holderUserId: string): Promise<void> {
  const { data } = await apiRequest<Blob>(
    `/mission-orders/${order.id}/document?holderUserId=${holderUserId}`,
  );
  const url = URL.createObjectURL(data);
  const a = document.createElement('a');
  a.href = url;
  a.download = `ordre-de-mission-${order.orderNumber}.pdf`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function HolderCredential({
  order,
  credential,
  name,
}: {
  order: MissionOrderResponse;
  credential: Credential;
  name: string;
}) {
  const t = useT(messages);
  const download = useAction();
  const [copied, setCopied] = useState(false);
  const id = `token-${credential.holderUserId}`;
  return (
    <li className="card">
      <p className="card-title">{name}</p>
      <p>
        <button
          type="button"
          className="primary"
          onClick={() => void download.run(() => downloadPdf(order, credential.holderUserId))}
        >
          {t('pdf')}
        </button>
      </p>
      <div className="field">
        <label htmlFor={id}>{t('token')}</label>
        <textarea
          id={id}
          readOnly
          rows={3}
          value={credential.token}
          data-testid="credential-token"
        />
      </div>
      <p className="row">
        <button
          type="button"
          onClick={() =>
            void navigator.clipboard?.writeText(credential.token).then(() => setCopied(true))
          }
        >
          {t('copy')}
        </button>
        {copied && <span role="status">{t('copied')}</span>}
      </p>
      <ErrorMessage error={download.error} />
    </li>
  );
}

/** Per holder of an approved order: the PDF and the token that the QR code carries. */
export function Credentials({
  order,
  nameOf,
}: {
  order: MissionOrderResponse;
  nameOf: (id: string, index: number) => string;
}) {
  const t = useT(messages);
  const credentials = useApi<Credential[]>(`/mission-orders/${order.id}/credentials`);
  return (
    <section aria-labelledby="credentials-heading">
      <h2 id="credentials-heading">{t('heading')}</h2>
      <Loaded state={credentials}>
        {(list) => (
          <ul className="cards">
            {list.map((c) => (
              <HolderCredential
                key={c.holderUserId}
                order={order}
                credential={c}
                name={nameOf(c.holderUserId, order.holderUserIds.indexOf(c.holderUserId))}
              />
            ))}
          </ul>
        )}
      </Loaded>
    </section>
  );
}
