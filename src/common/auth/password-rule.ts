/**
 * The password rule, in one place: PasswordService enforces it, the API's
 * weak_password / common_password errors state it, the web app's hints show
 * it (web/src/api/vocabulary.ts), and the README repeats it word for word.
 */
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 256;

export const PASSWORD_RULE = {
  en: `At least ${MIN_PASSWORD_LENGTH} characters (at most ${MAX_PASSWORD_LENGTH}), neither a common password nor the user name.`,
  fr: `Au moins ${MIN_PASSWORD_LENGTH} caractères (${MAX_PASSWORD_LENGTH} au plus), ni un mot de passe courant ni le nom d’utilisateur.`,
} as const;
