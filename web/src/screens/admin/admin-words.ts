import { FIRST_ADMIN_DISPLAY_NAME, FIRST_ADMIN_USERNAME } from '../../api/vocabulary';
import { useT, type Messages } from '../../i18n/i18n';

/** Words shared by the administration screens (roles, area levels). */
export const adminWords = {
  fr: {
    role_admin: 'Administrateur',
    role_coordinator: 'Coordinateur',
    role_mediator: 'Médiateur',
    role_official: 'Représentant de l’autorité',
    level_region: 'Région',
    level_cercle: 'Cercle',
    level_commune: 'Commune',
    choose: '— Choisir —',
    unknown: 'Inconnu',
  },
  en: {
    role_admin: 'Administrator',
    role_coordinator: 'Coordinator',
    role_mediator: 'Mediator',
    role_official: 'Authority official',
    level_region: 'Region',
    level_cercle: 'Cercle',
    level_commune: 'Commune',
    choose: '— Choose —',
    unknown: 'Unknown',
  },
} satisfies Messages<string>;

export const useAdminT = () => useT(adminWords);

/**
 * A user's name as shown: the first administrator's default name (given by
 * the server in English when the database was created) in the user's
 * language; any name an administrator chose, as it is.
 */
export function useUserName(): (user: { username: string; displayName: string }) => string {
  const a = useAdminT();
  return (user) =>
    user.username === FIRST_ADMIN_USERNAME && user.displayName === FIRST_ADMIN_DISPLAY_NAME
      ? a('role_admin')
      : user.displayName;
}
