import { Codes, defineErrors } from '../../common/http/error-catalogue';

/** The errors of the auth feature: status and words in both languages. */
export const AUTH_ERRORS = defineErrors('auth', {
  invalid_totp: {
    // 400 on enable and step-up; sign-in answers it with 401 (AppError status override).
    status: 400,
    en: {
      title: 'Wrong code',
      detail: 'The authenticator code is wrong, expired or already used.',
    },
    fr: {
      title: 'Code incorrect',
      detail: "Le code de l'application d'authentification est incorrect, expiré ou déjà utilisé.",
    },
  },
  wrong_current_password: {
    status: 400,
    en: { title: 'Wrong password', detail: 'The current password is not correct.' },
    fr: { title: 'Mot de passe incorrect', detail: "Le mot de passe actuel n'est pas correct." },
  },
  invalid_credentials: {
    status: 401,
    en: { title: 'Sign-in failed', detail: 'Wrong username or password.' },
    fr: { title: 'Échec de la connexion', detail: "Nom d'utilisateur ou mot de passe incorrect." },
  },
  totp_required: {
    status: 401,
    en: {
      title: 'Code required',
      detail: 'This account uses a second factor: send the code of the authenticator app.',
    },
    fr: {
      title: 'Code requis',
      detail:
        "Ce compte utilise un second facteur : envoyez le code de l'application d'authentification.",
    },
  },
  invalid_refresh_token: {
    status: 401,
    en: {
      title: 'Session ended',
      detail: 'This refresh token is not valid any more. Sign in again.',
    },
    fr: {
      title: 'Session terminée',
      detail: "Ce jeton de rafraîchissement n'est plus valide. Reconnectez-vous.",
    },
  },
  totp_already_enabled: {
    status: 409,
    en: {
      title: 'Second factor already on',
      detail: 'An authenticator app is already enabled for this account.',
    },
    fr: {
      title: 'Second facteur déjà actif',
      detail: "Une application d'authentification est déjà activée pour ce compte.",
    },
  },
  too_many_attempts: {
    status: 429,
    en: {
      title: 'Too many attempts',
      detail: 'Too many failed attempts. Wait before trying again.',
    },
    fr: { title: 'Trop de tentatives', detail: "Trop d'échecs. Patientez avant de réessayer." },
  },
});

declare module '../../common/http/error-catalogue' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- adds this feature's codes to ErrorCode
  interface ErrorCodes extends Codes<typeof AUTH_ERRORS> {}
}
