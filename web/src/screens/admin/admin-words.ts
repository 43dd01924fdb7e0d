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
