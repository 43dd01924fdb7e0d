import { Codes, defineErrors } from '../../common/http/error-catalogue';

/** The errors of the phones feature: status and words in both languages. */
export const PHONES_ERRORS = defineErrors('phones', {
  invalid_phone_number: {
    status: 400,
    en: {
      title: 'Invalid phone number',
      detail: 'Give a mobile number in international form (+223…) or Mali’s 8 digits.',
    },
    fr: {
      title: 'Numéro de téléphone invalide',
      detail:
        'Donnez un numéro de mobile au format international (+223…) ou les 8 chiffres du Mali.',
    },
  },
  phone_already_verified: {
    status: 409,
    en: { title: 'Already verified', detail: 'This number is already verified on this account.' },
    fr: { title: 'Déjà vérifié', detail: 'Ce numéro est déjà vérifié sur ce compte.' },
  },
  too_many_phones: {
    status: 409,
    en: { title: 'Too many numbers', detail: 'An account has at most 5 phone numbers.' },
    fr: { title: 'Trop de numéros', detail: 'Un compte a au plus 5 numéros de téléphone.' },
  },
  wrong_phone_code: {
    status: 400,
    en: {
      title: 'Wrong code',
      detail: 'This is not the code sent to the number. After 5 wrong codes, add the number again.',
    },
    fr: {
      title: 'Code erroné',
      detail:
        "Ce n'est pas le code envoyé au numéro. Après 5 codes erronés, ajoutez à nouveau le numéro.",
    },
  },
  phone_code_expired: {
    status: 409,
    en: {
      title: 'No code pending',
      detail: 'The code has expired or was tried 5 times: add the number again for a new code.',
    },
    fr: {
      title: 'Aucun code en attente',
      detail:
        'Le code a expiré ou a été essayé 5 fois : ajoutez à nouveau le numéro pour un nouveau code.',
    },
  },
});

declare module '../../common/http/error-catalogue' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- adds this feature's codes to ErrorCode
  interface ErrorCodes extends Codes<typeof PHONES_ERRORS> {}
}
