import type { Messages } from '../i18n/i18n';

/** Words used on many screens. A screen's own words live beside the screen. */
export const common = {
  fr: {
    loading: 'Chargement…',
    offline: 'Pas de connexion. Réessayez quand le réseau revient.',
    offlineQueued:
      'Pas de connexion : enregistré sur cet appareil, envoyé dès le retour du réseau.',
    savedCopy: 'Hors ligne : copie enregistrée le {date}.',
    retry: 'Réessayer',
    save: 'Enregistrer',
    cancel: 'Annuler',
    create: 'Créer',
    loadMore: 'Voir plus',
    none: 'Aucun élément.',
    unexpected: 'Une erreur inattendue est survenue.',
    required: 'obligatoire',
    yes: 'Oui',
    no: 'Non',
    back: 'Retour',
    setUpTotp: 'Activer la vérification en deux étapes (Mon compte)',
    health_stable: 'Stable',
    health_watch: 'À surveiller',
    health_at_risk: 'À risque',
    health_broken: 'Rompu',
  },
  en: {
    loading: 'Loading…',
    offline: 'No connection. Try again when the network is back.',
    offlineQueued: 'No connection: saved on this device, sent as soon as the network is back.',
    savedCopy: 'Offline: copy saved on {date}.',
    retry: 'Try again',
    save: 'Save',
    cancel: 'Cancel',
    create: 'Create',
    loadMore: 'Show more',
    none: 'Nothing here.',
    unexpected: 'An unexpected error occurred.',
    required: 'required',
    yes: 'Yes',
    no: 'No',
    back: 'Back',
    setUpTotp: 'Turn on two-step verification (My account)',
    health_stable: 'Stable',
    health_watch: 'Watch',
    health_at_risk: 'At risk',
    health_broken: 'Broken',
  },
} satisfies Messages<string>;

export type CommonKey = keyof typeof common.fr;
