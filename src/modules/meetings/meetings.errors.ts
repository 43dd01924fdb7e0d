import { Codes, defineErrors } from '../../common/http/error-catalogue';

/** The errors of the meetings feature: status and words in both languages. */
export const MEETINGS_ERRORS = defineErrors('meetings', {
  invalid_attendee: {
    status: 400,
    en: {
      title: 'Not on the team',
      detail: 'Every attendee of a meeting must be on the case team.',
    },
    fr: {
      title: "Hors de l'équipe",
      detail: "Chaque participant à une réunion doit faire partie de l'équipe du dossier.",
    },
  },
  meeting_overlap: {
    status: 409,
    en: {
      title: 'Double booking',
      detail: 'An attendee already has a meeting at an overlapping time.',
    },
    fr: {
      title: 'Double réservation',
      detail: 'Un participant a déjà une réunion sur un créneau qui se chevauche.',
    },
  },
  meeting_closed: {
    status: 409,
    en: {
      title: 'Meeting over',
      detail: 'This meeting was held or cancelled: it cannot change any more.',
    },
    fr: {
      title: 'Réunion terminée',
      detail: 'Cette réunion a eu lieu ou a été annulée : elle ne peut plus changer.',
    },
  },
});

declare module '../../common/http/error-catalogue' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- adds this feature's codes to ErrorCode
  interface ErrorCodes extends Codes<typeof MEETINGS_ERRORS> {}
}
