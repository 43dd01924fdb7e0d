import { Codes, defineErrors } from '../../common/http/error-catalogue';

/** The errors of the mission-orders feature: status and words in both languages. */
export const MISSION_ORDERS_ERRORS = defineErrors('mission-orders', {
  area_outside_jurisdiction: {
    status: 400,
    en: {
      title: 'Area outside jurisdiction',
      detail: "Every area of a mission order must lie within the authority's jurisdiction.",
    },
    fr: {
      title: 'Zone hors juridiction',
      detail: "Chaque zone d'un ordre de mission doit relever de la juridiction de l'autorité.",
    },
  },
  invalid_mission_order_holder: {
    status: 400,
    en: {
      title: 'Invalid holder',
      detail:
        'A coordinator requests orders for active mediators of the association; a mediator only for themself.',
    },
    fr: {
      title: 'Titulaire invalide',
      detail:
        "Un coordinateur demande des ordres pour les médiateurs actifs de l'association ; un médiateur pour lui-même seulement.",
    },
  },
  invalid_validity_window: {
    status: 400,
    en: {
      title: 'Invalid validity window',
      detail: 'validUntil must come after validFrom, at most 90 days later.',
    },
    fr: {
      title: 'Période de validité invalide',
      detail: 'validUntil doit suivre validFrom, au plus 90 jours après.',
    },
  },
  holder_identity_missing: {
    status: 409,
    en: {
      title: 'Holder identity missing',
      detail:
        'Every holder needs a legal name and an ID document number on file before the order is approved.',
    },
    fr: {
      title: 'Identité du titulaire manquante',
      detail:
        "Chaque titulaire doit avoir un nom légal et un numéro de pièce d'identité enregistrés avant l'approbation.",
    },
  },
  holder_disabled: {
    status: 409,
    en: {
      title: 'Holder disabled',
      detail:
        "A holder's account is disabled: their mission-order credential has ended, and none is approved or signed for them.",
    },
    fr: {
      title: 'Titulaire désactivé',
      detail:
        "Le compte d'un titulaire est désactivé : son attestation d'ordre de mission a pris fin, et aucune n'est approuvée ni signée pour lui.",
    },
  },
  mission_order_not_approved: {
    status: 409,
    en: {
      title: 'Order not approved',
      detail: 'Credentials exist only for an approved mission order.',
    },
    fr: {
      title: 'Ordre non approuvé',
      detail: "Les attestations n'existent que pour un ordre de mission approuvé.",
    },
  },
});

declare module '../../common/http/error-catalogue' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- adds this feature's codes to ErrorCode
  interface ErrorCodes extends Codes<typeof MISSION_ORDERS_ERRORS> {}
}
