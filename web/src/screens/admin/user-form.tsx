import { useState } from 'react';
import { api } from '../../api/client';
import { ROLES, type Role } from '../../api/vocabulary';
import { useT, type Messages } from '../../i18n/i18n';
import { common } from '../../ui/common-messages';
import { ErrorMessage, Field, fieldError, Form } from '../../ui/components';
import { EnumSelect } from '../../ui/lists';
import { useAction } from '../../ui/use-action';
import { useAdminT } from './admin-words';
import type { AssociationResponse, AuthorityResponse, UserResponse } from './admin-types';
import { NamedSelect } from './named-select';
import { PASSWORD_RULE } from '../../api/vocabulary';

const messages = {
  fr: {
    heading: 'Nouvel utilisateur',
    username: "Nom d'utilisateur",
    usernameHint: '3 à 64 caractères : lettres, chiffres, . _ -',
    displayName: 'Nom affiché',
    role: 'Rôle',
    association: 'Association',
    authority: 'Autorité',
    identity: 'Identité légale',
    legalName: 'Nom légal complet',
    idDocumentNumber: "Numéro de pièce d'identité",
    identityHint:
      "Imprimés sur les ordres de mission ; chiffrés et jamais affichés dans les listes. Obligatoires pour qu'un médiateur puisse détenir un ordre de mission.",
    password: 'Mot de passe initial',
    passwordHint: `${PASSWORD_RULE.fr} Transmettez-le en personne : l'utilisateur devra le changer à sa première connexion.`,
    submit: "Créer l'utilisateur",
  },
  en: {
    heading: 'New user',
    username: 'Username',
    usernameHint: '3 to 64 characters: letters, digits, . _ -',
    displayName: 'Display name',
    role: 'Role',
    association: 'Association',
    authority: 'Authority',
    identity: 'Legal identity',
    legalName: 'Full legal name',
    idDocumentNumber: 'ID document number',
    identityHint:
      'Printed on mission orders; encrypted and never shown in lists. Required for a mediator to hold a mission order.',
    password: 'Initial password',
    passwordHint: `${PASSWORD_RULE.en} Hand it over in person: the user must change it at first sign-in.`,
    submit: 'Create user',
  },
} satisfies Messages<string>;

const FIELDS = [
  'username',
  'displayName',
  'role',
  'associationId',
  'authorityId',
  'legalName',
  'idDocumentNumber',
  'password',
];

/** The admin's form to create an account; the API makes the user change the password first. */
export function UserForm({
  associations,
  authorities,
  onCreated,
}: {
  associations: AssociationResponse[];
  authorities: AuthorityResponse[];
  onCreated: (user: UserResponse) => void;
}) {
  const t = useT(messages);
  const a = useAdminT();
  const c = useT(common);
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('mediator');
  const [associationId, setAssociationId] = useState('');
  const [authorityId, setAuthorityId] = useState('');
  const [legalName, setLegalName] = useState('');
  const [idDocumentNumber, setIdDocumentNumber] = useState('');
  const [password, setPassword] = useState('');
  const action = useAction();
  const inAssociation = role === 'mediator' || role === 'coordinator';

  function submit() {
    void action.run(async () => {
      const created = await api.post<UserResponse>('/users', {
        username: username.trim(),
        displayName: displayName.trim(),
        role,
        password,
        ...(inAssociation && associationId ? { associationId } : {}),
        ...(role === 'official' && authorityId ? { authorityId } : {}),
        ...(legalName.trim() ? { legalName: legalName.trim() } : {}),
        ...(idDocumentNumber.trim() ? { idDocumentNumber: idDocumentNumber.trim() } : {}),
      });
      setUsername('');
      setDisplayName('');
      setLegalName('');
      setIdDocumentNumber('');
      setPassword('');
      onCreated(created);
    });
  }

  const text = (
    key: 'username' | 'displayName' | 'legalName' | 'idDocumentNumber',
    value: string,
    set: (v: string) => void,
    hint?: string,
  ) => (
    <Field label={t(key)} hint={hint} error={fieldError(action.error, key)}>
      {(p) => (
        <input
          {...p}
          name={key}
          autoComplete="off"
          autoCapitalize={key === 'username' ? 'none' : undefined}
          value={value}
          onChange={(e) => set(e.target.value)}
        />
      )}
    </Field>
  );

  return (
    <Form className="admin-form" onSubmit={submit}>
      <h2>{t('heading')}</h2>
      <ErrorMessage error={action.error} shownFields={FIELDS} />
      {text('username', username, setUsername, t('usernameHint'))}
      {text('displayName', displayName, setDisplayName)}
      <Field label={t('role')} error={fieldError(action.error, 'role')}>
        {(p) => (
          <EnumSelect
            {...p}
            values={ROLES}
            value={role}
            onChange={(r) => r && setRole(r)}
            label={(r) => a(`role_${r}`)}
          />
        )}
      </Field>
      {inAssociation && (
        <NamedSelect
          label={t('association')}
          items={associations}
          value={associationId}
          onChange={setAssociationId}
          placeholder={a('choose')}
          error={fieldError(action.error, 'associationId')}
        />
      )}
      {role === 'official' && (
        <NamedSelect
          label={t('authority')}
          items={authorities}
          value={authorityId}
          onChange={setAuthorityId}
          placeholder={a('choose')}
          error={fieldError(action.error, 'authorityId')}
        />
      )}
      {role !== 'admin' && (
        <fieldset>
          <legend>{t('identity')}</legend>
          <p className="hint">{t('identityHint')}</p>
          {text('legalName', legalName, setLegalName)}
          {text('idDocumentNumber', idDocumentNumber, setIdDocumentNumber)}
        </fieldset>
      )}
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
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        )}
      </Field>
      <button type="submit" className="primary" disabled={action.busy}>
        {action.busy ? c('loading') : t('submit')}
      </button>
    </Form>
  );
}
