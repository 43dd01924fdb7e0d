import { formatDateTime, useLang, useT, type Messages } from '../../i18n/i18n';
import type { VerifyResult } from './verify-types';

const messages = {
  fr: {
    valid: '✔ VALIDE',
    invalid: '✘ INVALIDE',
    status_approved: 'Ordre approuvé et en cours de validité.',
    status_expired: 'Ordre expiré.',
    status_not_yet_valid: 'Ordre pas encore valable.',
    status_revoked: 'Ordre révoqué par l’autorité.',
    status_invalid: 'Ordre inconnu ou falsifié : la signature ne correspond pas.',
    holder: 'Titulaire',
    idDocument: 'Pièce d’identité n°',
    authority: 'Autorité',
    areas: 'Zones',
    validFrom: 'Valable du',
    validUntil: 'Jusqu’au',
    order: 'Ordre n°',
    offline:
      'Vérifié sur cet appareil, sans connexion, avec les clés publiques enregistrées le {date}. Une révocation plus récente ne serait pas connue.',
    checkId: 'Comparez avec la pièce d’identité présentée.',
    revocationUnknown:
      'Attestation d’un ancien format : sa révocation ne peut pas être vérifiée hors ligne. Vérifiez en ligne dès que possible, ou demandez une attestation réimprimée.',
  },
  en: {
    valid: '✔ VALID',
    invalid: '✘ INVALID',
    status_approved: 'Order approved and currently valid.',
    status_expired: 'Order expired.',
    status_not_yet_valid: 'Order not yet valid.',
    status_revoked: 'Order revoked by the authority.',
    status_invalid: 'Unknown or forged order: the signature does not match.',
    holder: 'Holder',
    idDocument: 'ID document no.',
    authority: 'Authority',
    areas: 'Areas',
    validFrom: 'Valid from',
    validUntil: 'Until',
    order: 'Order no.',
    offline:
      'Checked on this device, without a connection, with the public keys saved on {date}. A more recent revocation would not be known.',
    checkId: 'Compare with the identity document shown.',
    revocationUnknown:
      'A credential of an older format: its revocation cannot be checked offline. Check online as soon as possible, or ask for a reprinted credential.',
  },
} satisfies Messages<string>;

/** The answer for the soldier: VALID / INVALID in large letters, word and colour. */
export function Verdict({ result }: { result: VerifyResult }) {
  const t = useT(messages);
  const { lang } = useLang();
  return (
    <section
      className={`verdict ${result.valid ? 'verdict-valid' : 'verdict-invalid'}`}
      aria-labelledby="verdict-word"
      aria-live="assertive"
      data-testid="verdict"
      data-valid={result.valid}
    >
      <h2 id="verdict-word" className="verdict-word">
        {result.valid ? t('valid') : t('invalid')}
      </h2>
      <p>
        <strong>{t(`status_${result.status}`)}</strong>
      </p>
      {result.holder && (
        <>
          <p className="holder-name">{result.holder.legalName}</p>
          {result.valid && <p>{t('checkId')}</p>}
          <dl className="facts">
            <dt>{t('idDocument')}</dt>
            <dd>{result.holder.idDocumentNumber}</dd>
            <dt>{t('authority')}</dt>
            <dd>{result.authority?.name ?? '—'}</dd>
            <dt>{t('areas')}</dt>
            <dd>{result.areas?.map((a) => a.name).join(', ') || '—'}</dd>
            <dt>{t('validFrom')}</dt>
            <dd>{formatDateTime(result.validFrom, lang)}</dd>
            <dt>{t('validUntil')}</dt>
            <dd>{formatDateTime(result.validUntil, lang)}</dd>
            <dt>{t('order')}</dt>
            <dd>{result.orderNumber ?? '—'}</dd>
          </dl>
        </>
      )}
      {result.revocationUnknown && (
        <p className="alert alert-warning" data-testid="revocation-unknown">
          {t('revocationUnknown')}
        </p>
      )}
      {result.offlineKeysAt !== undefined && (
        <p>
          {t('offline', {
            date: formatDateTime(new Date(result.offlineKeysAt).toISOString(), lang),
          })}
        </p>
      )}
    </section>
  );
}
