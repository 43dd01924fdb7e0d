import { Codes, defineErrors } from '../../common/http/error-catalogue';

/** The errors of the cases feature: status and words in both languages. */
export const CASES_ERRORS = defineErrors('cases', {
  area_not_commune: {
    status: 400,
    en: {
      title: 'Not a commune',
      detail: 'A case is opened in a commune, not a cercle or a region.',
    },
    fr: {
      title: 'Pas une commune',
      detail: 'Un dossier est ouvert dans une commune, pas dans un cercle ni une région.',
    },
  },
  case_still_active: {
    status: 409,
    en: {
      title: 'Case still active',
      detail: 'Only a closed or collapsed case can be erased.',
    },
    fr: {
      title: 'Dossier encore actif',
      detail: 'Seul un dossier clos ou rompu peut être effacé.',
    },
  },
});

declare module '../../common/http/error-catalogue' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- adds this feature's codes to ErrorCode
  interface ErrorCodes extends Codes<typeof CASES_ERRORS> {}
}
