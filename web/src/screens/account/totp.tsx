import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { Schemas } from '../../api/types';
import { useT, type Messages } from '../../i18n/i18n';
import { ErrorMessage, Field, fieldError, Form } from '../../ui/components';
import { useAction } from '../../ui/use-action';

const messages = {
  fr: {
    heading: 'Vérification en deux étapes',
    intro:
      "En plus du mot de passe, un code à 6 chiffres donné par une application d'authentification (par exemple FreeOTP, Aegis ou Google Authenticator) sera demandé à chaque connexion. Les autorités en ont besoin pour décider des ordres de mission.",
    enabled: 'Activée',
    enabledText: 'Un code de votre application est demandé à chaque connexion.',
    disabled: 'Non activée',
    password: 'Votre mot de passe',
    passwordHint: 'Demandé à nouveau avant de changer la façon dont vous vous connectez.',
    start: 'Configurer la vérification en deux étapes',
    scan: "1. Scannez ce code avec votre application d'authentification.",
    qrAlt: "Code QR à scanner avec l'application d'authentification",
    orType: 'Ou saisissez cette clé dans l’application :',
    code: '2. Code à 6 chiffres affiché par l’application',
    confirm: 'Activer',
    done: 'Vérification en deux étapes activée. Vos autres sessions ont été fermées.',
  },
  en: {
    heading: 'Two-step verification',
    intro:
      'Besides your password, a 6-digit code from an authenticator app (for example FreeOTP, Aegis or Google Authenticator) will be asked at every sign-in. Officials need it to decide on mission orders.',
    enabled: 'Enabled',
    enabledText: 'A code from your app is asked at every sign-in.',
    disabled: 'Not enabled',
    password: 'Your password',
    passwordHint: 'Asked again before changing how you sign in.',
    start: 'Set up two-step verification',
    scan: '1. Scan this code with your authenticator app.',
    qrAlt: 'QR code to scan with the authenticator app',
    orType: 'Or type this key into the app:',
    code: '2. 6-digit code shown by the app',
    confirm: 'Enable',
    done: 'Two-step verification enabled. Your other sessions were closed.',
  },
} satisfies Messages<string>;

type TotpSetup = Schemas['TotpSetupResponse'];

/** The otpauth URL as a QR code image (qrcode is loaded with this screen only). */
function QrCode({ url, alt }: { url: string; alt: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void import('qrcode')
      .then((QRCode) => QRCode.toDataURL(url, { margin: 2, width: 220 }))
      .then((data) => live && setSrc(data));
    return () => {
      live = false;
    };
  }, [url]);
  return src ? <img src={src} alt={alt} width={220} height={220} className="qr" /> : null;
}

export function TotpSection({ enabled, onEnabled }: { enabled: boolean; onEnabled: () => void }) {
  const t = useT(messages);
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const action = useAction();
  const [done, setDone] = useState(false);

  function start() {
    void action.run(async () => {
      setSetup(await api.post<TotpSetup>('/auth/totp/setup', { password }));
      setPassword('');
    });
  }

  function enable() {
    void action.run(async () => {
      await api.post('/auth/totp/enable', { code: code.replace(/\s/g, '') });
      setSetup(null);
      setCode('');
      setDone(true);
      onEnabled();
    });
  }

  return (
    <section aria-labelledby="totp-heading" className="account-section">
      <h2 id="totp-heading">{t('heading')}</h2>
      <p>
        <span className={`pill ${enabled ? 'pill-ok' : 'pill-warning'}`} data-testid="totp-state">
          {enabled ? t('enabled') : t('disabled')}
        </span>
      </p>
      {done && (
        <p className="alert alert-success" role="status">
          {t('done')}
        </p>
      )}
      {enabled ? (
        <p>{t('enabledText')}</p>
      ) : (
        <>
          <p>{t('intro')}</p>
          <ErrorMessage error={action.error} shownFields={['code', 'password']} />
          {!setup ? (
            <Form onSubmit={start}>
              <Field
                label={t('password')}
                hint={t('passwordHint')}
                error={fieldError(action.error, 'password')}
              >
                {(p) => (
                  <input
                    {...p}
                    name="password"
                    type="password"
                    autoComplete="current-password"
                    value={password}
                    onChange={(e) => setPassword(e.target.value)}
                  />
                )}
              </Field>
              <button type="submit" className="primary" disabled={action.busy}>
                {t('start')}
              </button>
            </Form>
          ) : (
            <Form onSubmit={enable}>
              <p>{t('scan')}</p>
              <QrCode url={setup.otpauthUrl} alt={t('qrAlt')} />
              <p>
                {t('orType')}{' '}
                <code className="totp-secret" data-testid="totp-secret">
                  {setup.secret}
                </code>
              </p>
              <Field label={t('code')} error={fieldError(action.error, 'code')}>
                {(p) => (
                  <input
                    {...p}
                    name="code"
                    inputMode="numeric"
                    autoComplete="one-time-code"
                    pattern="[0-9]*"
                    maxLength={6}
                    value={code}
                    onChange={(e) => setCode(e.target.value)}
                  />
                )}
              </Field>
              <button type="submit" className="primary" disabled={action.busy}>
                {t('confirm')}
              </button>
            </Form>
          )}
        </>
      )}
    </section>
  );
}
