import { useState } from 'react';
import { api } from '../../api/client';
import { useT, type Messages } from '../../i18n/i18n';
import { common } from '../../ui/common-messages';
import { ErrorMessage, Field, fieldError, Form } from '../../ui/components';
import { useAction } from '../../ui/use-action';
import { useAdminT } from './admin-words';
import type { UserResponse } from './admin-types';

const messages = {
  fr: {
    disabled: 'Désactivé',
    active: 'Actif',
    mustChange: 'Doit changer son mot de passe',
    identity: 'Identité légale enregistrée',
    totp: 'Vérification en deux étapes',
    disable: 'Désactiver',
    enable: 'Réactiver',
    confirmDisable:
      'Désactiver le compte de {name} ? Toutes ses sessions seront fermées immédiatement et il ne pourra plus se connecter.',
    resetTotp: 'Réinitialiser la double vérification',
    confirmResetTotp:
      'Réinitialiser la double vérification de {name} (téléphone perdu ou saisi) ? Toutes ses sessions seront fermées ; il se reconnectera avec son mot de passe et configurera une nouvelle application.',
    rename: 'Modifier le nom',
    displayName: 'Nom affiché',
    of: 'Compte de {name}',
  },
  en: {
    disabled: 'Disabled',
    active: 'Active',
    mustChange: 'Must change password',
    identity: 'Legal identity on file',
    totp: 'Two-step verification',
    disable: 'Disable',
    enable: 'Enable',
    confirmDisable:
      "Disable {name}'s account? All their sessions end at once and they can no longer sign in.",
    resetTotp: 'Reset two-step verification',
    confirmResetTotp:
      "Reset {name}'s two-step verification (phone lost or seized)? All their sessions end; they sign in with their password and set up a new app.",
    rename: 'Edit name',
    displayName: 'Display name',
    of: "{name}'s account",
  },
} satisfies Messages<string>;

/**
 * One account in the list; `manage` adds the admin's actions (rename,
 * disable / enable, reset a lost second factor).
 */
export function UserCard({
  user,
  orgName,
  manage,
  onChange,
}: {
  user: UserResponse;
  orgName?: string;
  manage: boolean;
  onChange: (user: UserResponse) => void;
}) {
  const t = useT(messages);
  const a = useAdminT();
  const c = useT(common);
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(user.displayName);
  const action = useAction();

  function patch(body: { displayName?: string; disabled?: boolean }) {
    void action.run(async () => {
      onChange(await api.patch<UserResponse>(`/users/${user.id}`, body, user.version));
      setEditing(false);
    });
  }

  function resetTotp() {
    if (!window.confirm(t('confirmResetTotp', { name: user.displayName }))) return;
    void action.run(async () => {
      await api.delete(`/users/${user.id}/totp`);
      onChange(await api.get<UserResponse>(`/users/${user.id}`));
    });
  }

  function rename() {
    patch({ displayName: name.trim() });
  }

  return (
    <li className="card user-card" data-testid="user-card" data-username={user.username}>
      <h2 className="card-title">{user.displayName}</h2>
      <p>
        <span className="muted">{user.username}</span> · {a(`role_${user.role}`)}
        {orgName ? ` · ${orgName}` : ''}
      </p>
      <p className="row">
        <span className={`pill ${user.disabled ? 'pill-bad' : 'pill-ok'}`}>
          {user.disabled ? t('disabled') : t('active')}
        </span>
        {user.mustChangePassword && <span className="pill pill-warning">{t('mustChange')}</span>}
        {user.hasLegalIdentity && <span className="pill pill-info">{t('identity')}</span>}
        {user.totpEnabled && <span className="pill pill-info">{t('totp')}</span>}
      </p>
      <ErrorMessage error={action.error} shownFields={editing ? ['displayName'] : []} />
      {manage && editing && (
        <Form onSubmit={rename}>
          <Field label={t('displayName')} error={fieldError(action.error, 'displayName')}>
            {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} />}
          </Field>
          <div className="row">
            <button type="submit" className="primary" disabled={action.busy}>
              {c('save')}
            </button>
            <button type="button" onClick={() => setEditing(false)}>
              {c('cancel')}
            </button>
          </div>
        </Form>
      )}
      {manage && !editing && (
        <div className="row" role="group" aria-label={t('of', { name: user.displayName })}>
          <button type="button" onClick={() => setEditing(true)}>
            {t('rename')}
          </button>
          {user.totpEnabled && (
            <button type="button" disabled={action.busy} onClick={resetTotp}>
              {t('resetTotp')}
            </button>
          )}
          {user.disabled ? (
            <button type="button" disabled={action.busy} onClick={() => patch({ disabled: false })}>
              {t('enable')}
            </button>
          ) : (
            <button
              type="button"
              className="danger"
              disabled={action.busy}
              onClick={() => {
                if (window.confirm(t('confirmDisable', { name: user.displayName })))
                  patch({ disabled: true });
              }}
            >
              {t('disable')}
            </button>
          )}
        </div>
      )}
    </li>
  );
}
