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
});

declare module '../../common/http/error-catalogue' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- adds this feature's codes to ErrorCode
  interface ErrorCodes extends Codes<typeof AREAS_ERRORS> {}
}
