import { Codes, defineErrors } from '../../common/http/error-catalogue';

/** The errors of the areas feature: status and words in both languages. */
export const AREAS_ERRORS = defineErrors('areas', {
  invalid_area_hierarchy: {
    status: 400,
    en: {
      title: 'Invalid area',
      detail: 'A commune belongs to a cercle, and a cercle to a region.',
    },
    fr: {
      title: 'Zone invalide',
      detail: 'Une commune appartient à un cercle, et un cercle à une région.',
    },
  },
  invalid_pcode: {
    status: 400,
    en: {
      title: 'Invalid P-code',
      detail:
        "A region's P-code is ML and 2 digits, a cercle's 4, a commune's 6, each extending its parent's code.",
    },
    fr: {
      title: 'P-code invalide',
      detail:
        "Le P-code d'une région est ML suivi de 2 chiffres, celui d'un cercle de 4, celui d'une commune de 6, chacun prolongeant celui de son parent.",
    },
  },
});

declare module '../../common/http/error-catalogue' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- adds this feature's codes to ErrorCode
  interface ErrorCodes extends Codes<typeof AREAS_ERRORS> {}
}
