import { Codes, defineErrors } from '../../common/http/error-catalogue';

/** The errors of the sessions feature: status and words in both languages. */
export const SESSIONS_ERRORS = defineErrors('sessions', {
  step_up_required: {
    status: 403,
    en: {
      title: 'Confirmation required',
      detail: 'Confirm with an authenticator code (step-up) before this action.',
    },
    fr: {
      title: 'Confirmation requise',
      detail: "Confirmez avec un code d'authentification (step-up) avant cette action.",
    },
  },
});

declare module '../../common/http/error-catalogue' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- adds this feature's codes to ErrorCode
  interface ErrorCodes extends Codes<typeof SESSIONS_ERRORS> {}
}
