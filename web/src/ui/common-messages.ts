import type { Messages } from '../i18n/i18n';

/** Words used on many screens. A screen's own words live beside the screen. */
export const common = {
  fr: {
    loading: 'Chargement…',
    offline: 'Pas de connexion. Réessayez quand le réseau revient.',
    offlineQueued: 'Enregistré sur cet appareil, envoyé dès que le réseau le permettra.',
    seeOutbox: "Voir la file d'envoi",
    savedCopy: 'Hors ligne : copie enregistrée le {date}.',
    retry: 'Réessayer',
    screenUnavailable: 'Écran indisponible',
    screenNotSaved:
      "Cet écran n'a pas encore été ouvert sur cet appareil : il s'ouvrira quand le réseau reviendra.",
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
    offlineQueued: 'Saved on this device, sent as soon as the network allows.',
    seeOutbox: 'See the outbox',
    savedCopy: 'Offline: copy saved on {date}.',
    retry: 'Try again',
    screenUnavailable: 'Screen unavailable',
    screenNotSaved:
      'This screen has not been opened on this device yet: it will open when the network is back.',
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
