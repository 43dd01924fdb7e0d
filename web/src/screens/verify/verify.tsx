import { useCallback, useEffect, useState } from 'react';
import { apiRequest, OfflineError } from '../../api/client';
import { formatDateTime, useLang, useT, type Messages } from '../../i18n/i18n';
import { ErrorMessage, Field, Form, Page } from '../../ui/components';
import { useAction } from '../../ui/use-action';
import { checkOffline, keptKeysDate, refreshKeys } from './offline-check';
import { QrScanner } from './qr-scanner';
import { Verdict } from './verdict';
import type { VerifyResult } from './verify-types';
import './verify.css';

const messages = {
  fr: {
    title: 'Vérifier un ordre de mission',
    intro: 'Scannez le code QR imprimé sur l’ordre de mission, ou collez le jeton.',
    scan: 'Scanner le code QR',
    token: 'Jeton de l’ordre de mission',
    check: 'Vérifier',
    checking: 'Vérification…',
    again: 'Vérifier un autre ordre',
    offlineTitle: 'Sans connexion',
    offlineText:
      'La vérification est possible hors ligne : les ordres sont signés, et les clés publiques de signature sont publiées (/.well-known/mission-order-keys.json). Cet appareil les garde pour vérifier la signature sans réseau.',
    keysSaved: 'Clés publiques enregistrées sur cet appareil le {date}.',
    noKeys:
      'Aucune clé enregistrée sur cet appareil : ouvrez cette page une fois avec une connexion.',
    offlineNoCheck: 'Pas de connexion, et cet appareil ne peut pas vérifier la signature seul.',
  },
  en: {
    title: 'Verify a mission order',
    intro: 'Scan the QR code printed on the mission order, or paste the token.',
    scan: 'Scan the QR code',
    token: 'Mission order token',
    check: 'Verify',
    checking: 'Checking…',
    again: 'Verify another order',
    offlineTitle: 'Without a connection',
    offlineText:
      'Verification works offline: orders are signed and the signing public keys are published (/.well-known/mission-order-keys.json). This device keeps them to check the signature without a network.',
    keysSaved: 'Public keys saved on this device on {date}.',
    noKeys: 'No keys saved on this device: open this page once with a connection.',
    offlineNoCheck: 'No connection, and this device cannot check the signature by itself.',
  },
} satisfies Messages<string>;

/** Public screen for checkpoints: online check by the API, else on the device with the kept keys. */
export default function Verify() {
  const t = useT(messages);
  const { lang } = useLang();
  const [token, setToken] = useState('');
  const [scanning, setScanning] = useState(false);
  const check = useAction();
  const { busy, error } = check;
  const [result, setResult] = useState<VerifyResult | null>(null);
  const [keysAt, setKeysAt] = useState(keptKeysDate);

  useEffect(() => {
    void refreshKeys().then(() => setKeysAt(keptKeysDate()));
  }, []);

  const { run } = check;
  const verify = useCallback(
    async (text: string) => {
      const value = text.trim();
      if (!value) return;
      setResult(null);
      await run(async () => {
        try {
          const { data } = await apiRequest<VerifyResult>(
            `/verify/mission-orders/${encodeURIComponent(value)}`,
            { anonymous: true },
          );
          setResult(data);
        } catch (err) {
          // Without a connection, the kept keys may still check the signature.
          const local = err instanceof OfflineError ? await checkOffline(value) : null;
          if (!local) throw err;
          setResult(local);
        }
      });
    },
    [run],
  );

  const onRead = useCallback(
    (text: string) => {
      setScanning(false);
      setToken(text);
      void verify(text);
    },
    [verify],
  );

  const submit = () => {
    void verify(token);
  };

  return (
    <Page title={t('title')}>
      {result && <Verdict result={result} />}
      {busy && <p role="status">{t('checking')}</p>}
      {error instanceof OfflineError ? (
        <p className="alert alert-warning" role="alert">
          {t('offlineNoCheck')}
        </p>
      ) : (
        <ErrorMessage error={error} />
      )}
      <p>{t('intro')}</p>
      {scanning ? (
        <QrScanner onRead={onRead} onClose={() => setScanning(false)} />
      ) : (
        <p>
          <button type="button" className="primary" onClick={() => setScanning(true)}>
            {t('scan')}
          </button>
        </p>
      )}
      <Form onSubmit={submit}>
        <Field label={t('token')}>
          {(p) => (
            <textarea
              {...p}
              className="token-input"
              rows={4}
              required
              autoComplete="off"
              spellCheck={false}
              value={token}
              onChange={(e) => setToken(e.target.value)}
            />
          )}
        </Field>
        <p className="row">
          <button type="submit" className="primary" disabled={busy}>
            {t('check')}
          </button>
          {result && (
            <button
              type="button"
              onClick={() => {
                setResult(null);
                setToken('');
              }}
            >
              {t('again')}
            </button>
          )}
        </p>
      </Form>
      <section aria-labelledby="offline-heading">
        <h2 id="offline-heading">{t('offlineTitle')}</h2>
        <p>{t('offlineText')}</p>
        <p className="muted">
          {keysAt
            ? t('keysSaved', { date: formatDateTime(new Date(keysAt).toISOString(), lang) })
            : t('noKeys')}
        </p>
      </section>
    </Page>
  );
}
