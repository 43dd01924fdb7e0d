import { useState } from 'react';
import type { Page as ApiPage } from '../../api/types';
import { useUser } from '../../auth/session';
import { useT, type Messages } from '../../i18n/i18n';
import { Page } from '../../ui/components';
import { useApi } from '../../ui/use-api';
import { usePaged } from '../../ui/use-paged';
import { ListFooter } from '../../ui/lists';
import type { AssociationResponse, AuthorityResponse, UserResponse } from './admin-types';
import { UserCard } from './user-card';
import { UserForm } from './user-form';
import './admin.css';

const messages = {
  fr: {
    title: 'Utilisateurs',
    titleOwn: 'Membres de mon association',
    add: 'Nouvel utilisateur',
    close: 'Fermer le formulaire',
    created: 'Compte « {name} » créé. Il devra changer son mot de passe à sa première connexion.',
    createdPending:
      'Compte « {name} » créé, en attente : il ne verra aucun dossier avant qu’un coordinateur de son association le confirme. Il devra changer son mot de passe à sa première connexion.',
    readOnly:
      'Seul un administrateur peut créer ou désactiver des comptes. Vous confirmez les comptes qu’il crée dans votre association.',
    list: 'Liste des utilisateurs',
  },
  en: {
    title: 'Users',
    titleOwn: 'Members of my association',
    add: 'New user',
    close: 'Close the form',
    created: 'Account “{name}” created. They must change the password at first sign-in.',
    createdPending:
      'Account “{name}” created, pending: they see no case until a coordinator of their association confirms them. They must change the password at first sign-in.',
    readOnly:
      'Only an administrator can create or disable accounts. You confirm the accounts they create in your association.',
    list: 'User list',
  },
} satisfies Messages<string>;

/**
 * Admin: every account, with creation and disable / enable. Coordinator: the
 * members of their own association (the API lists only those), and the
 * confirmation of those an admin created.
 */
export default function Users() {
  const t = useT(messages);
  const isAdmin = useUser()?.role === 'admin';
  const users = usePaged<UserResponse>('/users');
  const associations = useApi<ApiPage<AssociationResponse>>(
    isAdmin ? '/associations?limit=100' : null,
  );
  const authorities = useApi<ApiPage<AuthorityResponse>>(isAdmin ? '/authorities?limit=100' : null);
  const [changed, setChanged] = useState<Record<string, UserResponse>>({});
  const [formOpen, setFormOpen] = useState(false);
  const [created, setCreated] = useState<UserResponse | null>(null);

  const orgName = (u: UserResponse): string | undefined =>
    associations.data?.items.find((x) => x.id === u.associationId)?.name ??
    authorities.data?.items.find((x) => x.id === u.authorityId)?.name;
  const update = (u: UserResponse) => setChanged((m) => ({ ...m, [u.id]: u }));

  return (
    <Page
      title={isAdmin ? t('title') : t('titleOwn')}
      actions={
        isAdmin && (
          <button
            type="button"
            className="primary"
            aria-expanded={formOpen}
            onClick={() => setFormOpen((o) => !o)}
          >
            {formOpen ? t('close') : t('add')}
          </button>
        )
      }
    >
      {!isAdmin && <p className="muted">{t('readOnly')}</p>}
      {created && (
        <p className="alert alert-success" role="status">
          {t(created.pending ? 'createdPending' : 'created', { name: created.username })}
        </p>
      )}
      {isAdmin && formOpen && (
        <UserForm
          associations={associations.data?.items ?? []}
          authorities={authorities.data?.items ?? []}
          onCreated={(u) => {
            setCreated(u);
            setFormOpen(false);
            users.reload();
          }}
        />
      )}
      <ul className="cards" aria-label={t('list')}>
        {users.items.map((item) => (
          <UserCard
            key={item.id}
            user={changed[item.id] ?? item}
            orgName={orgName(item)}
            manage={isAdmin}
            confirm={!isAdmin}
            onChange={update}
          />
        ))}
      </ul>
      <ListFooter list={users} />
    </Page>
  );
}
