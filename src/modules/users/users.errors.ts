import { PASSWORD_RULE } from '../../common/auth/password-rule';
import { Codes, defineErrors } from '../../common/http/error-catalogue';

/** The errors of the users feature: status and words in both languages. */
export const USERS_ERRORS = defineErrors('users', {
  invalid_membership: {
    status: 400,
    en: {
      title: 'Invalid membership',
      detail:
        'Mediators and coordinators belong to an association, officials to an authority, admins to neither.',
    },
    fr: {
      title: 'Appartenance invalide',
      detail:
        'Les médiateurs et coordinateurs appartiennent à une association, les officiels à une autorité, les administrateurs à aucune.',
    },
  },
  weak_password: {
    status: 400,
    en: { title: 'Password too weak', detail: PASSWORD_RULE.en },
    fr: { title: 'Mot de passe trop faible', detail: PASSWORD_RULE.fr },
  },
  common_password: {
    status: 400,
    en: { title: 'Password too common', detail: PASSWORD_RULE.en },
    fr: { title: 'Mot de passe trop courant', detail: PASSWORD_RULE.fr },
  },
  account_not_pending: {
    status: 409,
    en: {
      title: 'Already confirmed',
      detail: 'This account is not awaiting confirmation.',
    },
    fr: {
      title: 'Déjà confirmé',
      detail: "Ce compte n'est pas en attente de confirmation.",
    },
  },
  totp_not_enabled: {
    status: 409,
    en: {
      title: 'No second factor',
      detail: 'Enable an authenticator app on this account first.',
    },
    fr: {
      title: 'Pas de second facteur',
      detail: "Activez d'abord une application d'authentification sur ce compte.",
    },
  },
});

declare module '../../common/http/error-catalogue' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- adds this feature's codes to ErrorCode
  interface ErrorCodes extends Codes<typeof USERS_ERRORS> {}
}
