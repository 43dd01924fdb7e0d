import { Codes, defineErrors } from '../../common/http/error-catalogue';

/** The errors of the case-members feature: status and words in both languages. */
export const CASE_MEMBERS_ERRORS = defineErrors('case-members', {
  invalid_team_member: {
    status: 400,
    en: {
      title: 'Not a possible team member',
      detail: "A case team member must be an active mediator of the case's association.",
    },
    fr: {
      title: "Membre d'équipe impossible",
      detail: "Un membre de l'équipe doit être un médiateur actif de l'association du dossier.",
    },
  },
  identity_consent_required: {
    status: 400,
    en: {
      title: 'Consent required',
      detail: 'A real name or contact is recorded only with consentToRecordIdentity: true.',
    },
    fr: {
      title: 'Consentement requis',
      detail: "Un nom réel ou un contact n'est enregistré qu'avec consentToRecordIdentity : true.",
    },
  },
  team_lead_required: {
    status: 409,
    en: {
      title: 'Lead required',
      detail: 'Make another team member the lead before removing the current lead.',
    },
    fr: {
      title: 'Responsable requis',
      detail: "Désignez un autre membre de l'équipe comme responsable avant de retirer l'actuel.",
    },
  },
});

declare module '../../common/http/error-catalogue' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- adds this feature's codes to ErrorCode
  interface ErrorCodes extends Codes<typeof CASE_MEMBERS_ERRORS> {}
}
