import { useState } from 'react';
import { api, ApiError } from '../../api/client';
import { useT, type Messages } from '../../i18n/i18n';
import { common } from '../../ui/common-messages';
import { ErrorMessage, Field, fieldError, Form } from '../../ui/components';
import { useAction } from '../../ui/use-action';
import { useAdminT, useUserName } from './admin-words';
import type { UserResponse } from './admin-types';
import { PASSWORD_RULE } from '../../api/vocabulary';

const messages = {
  fr: {
    disabled: 'Désactivé',
    active: 'Actif',
    mustChange: 'Doit changer son mot de passe',
    pending: 'En attente de confirmation',
    confirmMember: 'Confirmer ce membre',
    confirmQuestion:
      'Confirmer que {name} est bien membre de votre association ? Il verra alors les dossiers que son rôle permet.',
    identity: 'Identité légale enregistrée',
    totp: 'Vérification en deux étapes',
    disable: 'Désactiver',
    enable: 'Réactiver',
    confirmDisable:
      'Désactiver le compte de {name} ? Toutes ses sessions seront fermées immédiatement et il ne pourra plus se connecter.',
    resetTotp: 'Réinitialiser la double vérification',
    confirmResetTotp:
      'Réinitialiser la double vérification de {name} (téléphone perdu ou saisi) ? Toutes ses sessions seront fermées ; il se reconnectera avec son mot de passe et configurera une nouvelle application. Si le téléphone a été saisi, donnez-lui aussi un mot de passe temporaire.',
    resetPassword: 'Mot de passe temporaire',
    temporaryPassword: 'Nouveau mot de passe temporaire',
    temporaryHint: `${PASSWORD_RULE.fr} Transmettez-le en personne : toutes ses sessions se ferment et il devra le changer à la prochaine connexion.`,
    setPassword: 'Enregistrer le mot de passe temporaire',
    passwordSet: 'Mot de passe temporaire enregistré : à changer à la prochaine connexion.',
    rename: 'Modifier le nom',
    displayName: 'Nom affiché',
    of: 'Compte de {name}',
  },
  en: {
    disabled: 'Disabled',
    active: 'Active',
    mustChange: 'Must change password',
    pending: 'Awaiting confirmation',
    confirmMember: 'Confirm this member',
    confirmQuestion:
      'Confirm that {name} is a member of your association? They will then see the cases their role allows.',
    identity: 'Legal identity on file',
    totp: 'Two-step verification',
    disable: 'Disable',
    enable: 'Enable',
    confirmDisable:
      "Disable {name}'s account? All their sessions end at once and they can no longer sign in.",
    resetTotp: 'Reset two-step verification',
    confirmResetTotp:
      "Reset {name}'s two-step verification (phone lost or seized)? All their sessions end; they sign in with their password and set up a new app. If the phone was seized, give them a temporary password too.",
    resetPassword: 'Temporary password',
    temporaryPassword: 'New temporary password',
    temporaryHint: `${PASSWORD_RULE.en} Hand it over in person: all their sessions end and they must change it at the next sign-in.`,
    setPassword: 'Save the temporary password',
    passwordSet: 'Temporary password saved: to be changed at the next sign-in.',
    rename: 'Edit name',
    displayName: 'Display name',
    of: "{name}'s account",
  },
} satisfies Messages<string>;

/**
 * One account in the list; `manage` adds the admin's actions (rename,
 * disable / enable, a temporary password, reset a lost second factor);
 * `confirm`, a coordinator's confirmation of a pending member.
 */
export function UserCard({
  user,
  orgName,
  manage,
  confirm = false,
  onChange,
}: {
  user: UserResponse;
  orgName?: string;
  manage: boolean;
  confirm?: boolean;
  onChange: (user: UserResponse) => void;
}) {
  const t = useT(messages);
  const a = useAdminT();
  const c = useT(common);
  const [editing, setEditing] = useState<'name' | 'password' | null>(null);
  const shownName = useUserName()(user);
  const [name, setName] = useState(shownName);
  const [password, setPassword] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const action = useAction();

  function patch(body: { displayName?: string; disabled?: boolean }) {
    void action.run(async () => {
      onChange(await api.patch<UserResponse>(`/users/${user.id}`, body, user.version));
      setEditing(null);
    });
  }

  /** The account as the API now has it (after a change made by another route). */
  async function reload() {
    onChange(await api.get<UserResponse>(`/users/${user.id}`));
  }

  function resetPassword() {
    setDone(null);
    void action.run(async () => {
      await api.post(`/users/${user.id}/password`, { password });
      setPassword('');
      setEditing(null);
      setDone(t('passwordSet'));
      await reload();
    });
  }

  function resetTotp() {
    if (!window.confirm(t('confirmResetTotp', { name: shownName }))) return;
    void action.run(async () => {
      try {
        await api.delete(`/users/${user.id}/totp`);
      } catch (error) {
        // Already reset (from another tab or admin): the card just catches up.
        if (!(error instanceof ApiError && error.code === 'totp_not_enabled')) throw error;
      }
      await reload();
    });
  }

  function confirmMember() {
    if (!window.confirm(t('confirmQuestion', { name: user.displayName }))) return;
    void action.run(async () => {
      try {
        onChange(await api.post<UserResponse>(`/users/${user.id}/confirm`));
      } catch (error) {
        // Confirmed meanwhile (by another coordinator): the card just catches up.
        if (!(error instanceof ApiError && error.code === 'account_not_pending')) throw error;
        await reload();
      }
    });
  }

  function rename() {
    patch({ displayName: name.trim() });
  }

  return (
    <li className="card user-card" data-testid="user-card" data-username={user.username}>
      <h2 className="card-title">{shownName}</h2>
      <p>
        <span className="muted">{user.username}</span> · {a(`role_${user.role}`)}
        {orgName ? ` · ${orgName}` : ''}
      </p>
      <p className="row">
        <span className={`pill ${user.disabled ? 'pill-bad' : 'pill-ok'}`}>
          {user.disabled ? t('disabled') : t('active')}
        </span>
        {user.pending && <span className="pill pill-warning">{t('pending')}</span>}
        {user.mustChangePassword && <span className="pill pill-warning">{t('mustChange')}</span>}
        {user.hasLegalIdentity && <span className="pill pill-info">{t('identity')}</span>}
        {user.totpEnabled && <span className="pill pill-info">{t('totp')}</span>}
      </p>
      <ErrorMessage
        error={action.error}
        shownFields={
          editing === 'name' ? ['displayName'] : editing === 'password' ? ['password'] : []
        }
      />
      {done && (
        <p className="alert alert-success" role="status">
          {done}
        </p>
      )}
      {confirm && user.pending && (
        <div className="row">
          <button type="button" className="primary" disabled={action.busy} onClick={confirmMember}>
            {t('confirmMember')}
          </button>
        </div>
      )}
      {manage && editing === 'name' && (
        <Form onSubmit={rename}>
          <Field label={t('displayName')} error={fieldError(action.error, 'displayName')}>
            {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} />}
          </Field>
          <div className="row">
            <button type="submit" className="primary" disabled={action.busy}>
              {c('save')}
            </button>
            <button type="button" onClick={() => setEditing(null)}>
              {c('cancel')}
            </button>
          </div>
        </Form>
      )}
      {manage && editing === 'password' && (
        <Form onSubmit={resetPassword}>
          <Field
            label={t('temporaryPassword')}
            hint={t('temporaryHint')}
            error={fieldError(action.error, 'password')}
          >
            {(p) => (
              <input
                {...p}
                type="password"
                autoComplete="new-password"
                required
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            )}
          </Field>
          <div className="row">
            <button type="submit" className="primary" disabled={action.busy}>
              {t('setPassword')}
            </button>
            <button type="button" onClick={() => setEditing(null)}>
              {c('cancel')}
            </button>
          </div>
        </Form>
      )}
      {manage && !editing && (
        <div className="row" role="group" aria-label={t('of', { name: shownName })}>
          <button type="button" onClick={() => setEditing('name')}>
            {t('rename')}
          </button>
          <button
            type="button"
            onClick={() => {
              setDone(null);
              setEditing('password');
            }}
          >
            {t('resetPassword')}
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
                if (window.confirm(t('confirmDisable', { name: shownName })))
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
