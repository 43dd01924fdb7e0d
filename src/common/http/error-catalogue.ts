import { Language } from './language';

interface Text {
  title: string;
  detail: string;
}
export interface ErrorEntry {
  status: number;
  en: Text;
  fr: Text;
}

/** The codes of a catalogue, as members of ErrorCodes. */
export type Codes<T> = { [K in keyof T]: true };

const REGISTRY = new Map<string, ErrorEntry & { owner: string }>();

/**
 * Registers the errors a feature (or common) owns, each with its HTTP status
 * and its words in both languages. A code may have one owner only: a second
 * definition stops the application at load. Each feature declares its codes
 * in `<feature>.errors.ts`, loaded by its module, and adds them to
 * ErrorCodes, so that `new AppError(code)` is checked at compile time.
 */
export function defineErrors<T extends Record<string, ErrorEntry>>(owner: string, entries: T): T {
  for (const [code, entry] of Object.entries(entries)) {
    const existing = REGISTRY.get(code);
    if (existing)
      throw new Error(`error code "${code}" of ${owner} is already defined by ${existing.owner}`);
    REGISTRY.set(code, { ...entry, owner });
  }
  return entries;
}

/** The errors of no one feature: input, access, concurrency, transport. */
export const COMMON_ERRORS = defineErrors('common', {
  validation_failed: {
    status: 400,
    en: { title: 'Invalid request', detail: 'Some fields are missing or invalid.' },
    fr: { title: 'Requête invalide', detail: 'Certains champs sont manquants ou invalides.' },
  },
  malformed_body: {
    status: 400,
    en: { title: 'Malformed body', detail: 'The request body is not valid JSON.' },
    fr: { title: 'Corps mal formé', detail: "Le corps de la requête n'est pas du JSON valide." },
  },
  invalid_reference: {
    status: 400,
    en: {
      title: 'Unknown reference',
      detail: 'The request refers to a record that does not exist.',
    },
    fr: {
      title: 'Référence inconnue',
      detail: "La requête fait référence à un enregistrement qui n'existe pas.",
    },
  },
  unauthenticated: {
    status: 401,
    en: { title: 'Sign-in required', detail: 'A valid access token is required.' },
    fr: { title: 'Connexion requise', detail: "Un jeton d'accès valide est requis." },
  },
  forbidden: {
    status: 403,
    en: { title: 'Not allowed', detail: 'Your role does not allow this action.' },
    fr: { title: 'Action non autorisée', detail: 'Votre rôle ne permet pas cette action.' },
  },
  password_change_required: {
    status: 403,
    en: {
      title: 'Password change required',
      detail: 'Change your password before doing anything else.',
    },
    fr: {
      title: 'Changement de mot de passe requis',
      detail: 'Changez votre mot de passe avant toute autre action.',
    },
  },
  account_pending: {
    status: 403,
    en: {
      title: 'Account awaiting confirmation',
      detail:
        'A coordinator of your association must confirm your account before you can see its cases.',
    },
    fr: {
      title: 'Compte en attente de confirmation',
      detail:
        'Un coordinateur de votre association doit confirmer votre compte avant que vous puissiez voir ses dossiers.',
    },
  },
  totp_setup_required: {
    status: 403,
    en: {
      title: 'Second factor required',
      detail: 'Your role requires a second factor: set up an authenticator app first.',
    },
    fr: {
      title: 'Second facteur requis',
      detail:
        "Votre rôle exige un second facteur : configurez d'abord une application d'authentification.",
    },
  },
  not_found: {
    status: 404,
    en: { title: 'Not found', detail: 'No such resource.' },
    fr: { title: 'Introuvable', detail: "Cette ressource n'existe pas." },
  },
  method_not_allowed: {
    status: 405,
    en: { title: 'Method not allowed', detail: 'This method is not supported on this resource.' },
    fr: {
      title: 'Méthode non autorisée',
      detail: "Cette méthode n'est pas prise en charge sur cette ressource.",
    },
  },
  not_acceptable: {
    status: 406,
    en: { title: 'Not acceptable', detail: 'The requested format is not available.' },
    fr: { title: 'Format non disponible', detail: "Le format demandé n'est pas disponible." },
  },
  conflict: {
    status: 409,
    en: {
      title: 'Conflict',
      detail: 'The request conflicts with the current state of the resource.',
    },
    fr: {
      title: 'Conflit',
      detail: "La requête est en conflit avec l'état actuel de la ressource.",
    },
  },
  duplicate: {
    status: 409,
    en: {
      title: 'Already exists',
      detail: 'A record with the same identifier or name already exists.',
    },
    fr: {
      title: 'Déjà existant',
      detail: 'Un enregistrement avec le même identifiant ou le même nom existe déjà.',
    },
  },
  stale_version: {
    status: 409,
    en: {
      title: 'Changed meanwhile',
      detail: 'Someone changed this record since you read it. Reload and try again.',
    },
    fr: {
      title: 'Modifié entre-temps',
      detail:
        "Quelqu'un a modifié cet enregistrement depuis votre lecture. Rechargez et réessayez.",
    },
  },
  invalid_transition: {
    status: 409,
    en: {
      title: 'Invalid transition',
      detail: 'The case cannot move from its current status to the one requested.',
    },
    fr: {
      title: 'Transition invalide',
      detail: 'Le dossier ne peut pas passer de son statut actuel au statut demandé.',
    },
  },
  case_erased: {
    status: 409,
    en: {
      title: 'Case erased',
      detail: 'This case was erased: its data key is destroyed and nothing can be added to it.',
    },
    fr: {
      title: 'Dossier effacé',
      detail: 'Ce dossier a été effacé : sa clé est détruite et rien ne peut plus y être ajouté.',
    },
  },
  idempotency_in_progress: {
    status: 409,
    en: {
      title: 'Request in progress',
      detail: 'A request with this Idempotency-Key is still being processed. Try again shortly.',
    },
    fr: {
      title: 'Requête en cours',
      detail:
        'Une requête avec cette clé Idempotency-Key est encore en cours de traitement. Réessayez dans un instant.',
    },
  },
  payload_too_large: {
    status: 413,
    en: { title: 'Request too large', detail: 'The request body is larger than allowed.' },
    fr: {
      title: 'Requête trop volumineuse',
      detail: 'Le corps de la requête dépasse la taille autorisée.',
    },
  },
  unsupported_media_type: {
    status: 415,
    en: { title: 'Unsupported content type', detail: 'Send the body as application/json.' },
    fr: {
      title: 'Type de contenu non pris en charge',
      detail: 'Envoyez le corps en application/json.',
    },
  },
  idempotency_key_reused: {
    status: 422,
    en: {
      title: 'Idempotency key already used',
      detail:
        'This Idempotency-Key was already used for a different request. Use a new key for a new request.',
    },
    fr: {
      title: "Clé d'idempotence déjà utilisée",
      detail:
        'Cette clé Idempotency-Key a déjà servi pour une autre requête. Utilisez une nouvelle clé pour une nouvelle requête.',
    },
  },
  precondition_required: {
    status: 428,
    en: {
      title: 'If-Match required',
      detail: 'Send the If-Match header with the version you read.',
    },
    fr: { title: 'If-Match requis', detail: "Envoyez l'en-tête If-Match avec la version lue." },
  },
  rate_limited: {
    status: 429,
    en: { title: 'Too many requests', detail: 'Slow down and try again later.' },
    fr: { title: 'Trop de requêtes', detail: 'Ralentissez et réessayez plus tard.' },
  },
  internal_error: {
    status: 500,
    en: {
      title: 'Internal error',
      detail: 'Something went wrong on our side. The request id helps us find it.',
    },
    fr: {
      title: 'Erreur interne',
      detail:
        "Un problème est survenu de notre côté. L'identifiant de requête nous aide à le retrouver.",
    },
  },
  service_unavailable: {
    status: 503,
    en: {
      title: 'Service unavailable',
      detail: 'The database cannot be reached. Try again shortly.',
    },
    fr: {
      title: 'Service indisponible',
      detail: 'La base de données est injoignable. Réessayez dans un instant.',
    },
  },
  shutting_down: {
    status: 503,
    en: {
      title: 'Service unavailable',
      detail: 'The server is restarting. Try again shortly.',
    },
    fr: {
      title: 'Service indisponible',
      detail: 'Le serveur redémarre. Réessayez dans un instant.',
    },
  },
});

/** Every error code: common's, and those each feature adds with `declare module` (its *.errors.ts). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the features extend it
export interface ErrorCodes extends Codes<typeof COMMON_ERRORS> {}
export type ErrorCode = Extract<keyof ErrorCodes, string>;

/** Every code registered so far, sorted (the OpenAPI document lists them). */
export const errorCodes = (): string[] => [...REGISTRY.keys()].sort();

/** A code's status and words; a code whose feature never registered it is a bug: internal_error. */
export function describeError(code: ErrorCode, language: Language): Text & { status: number } {
  const entry = REGISTRY.get(code) ?? REGISTRY.get('internal_error')!;
  return { status: entry.status, ...entry[language] };
}

/** Field-level validation messages, by class-validator constraint name. */
const FIELD_MESSAGES: Record<string, Record<Language, string>> = {
  whitelistValidation: { en: 'is not an accepted field', fr: "n'est pas un champ accepté" },
  isDefined: { en: 'is required', fr: 'est obligatoire' },
  isNotEmpty: { en: 'must not be empty', fr: 'ne doit pas être vide' },
  isString: { en: 'must be a string', fr: 'doit être une chaîne de caractères' },
  isBoolean: { en: 'must be true or false', fr: 'doit valoir true ou false' },
  isInt: { en: 'must be an integer', fr: 'doit être un entier' },
  isUuid: { en: 'must be a UUID', fr: 'doit être un UUID' },
  isIn: { en: 'is not one of the allowed values', fr: "n'est pas une valeur autorisée" },
  isEnum: { en: 'is not one of the allowed values', fr: "n'est pas une valeur autorisée" },
  isArray: { en: 'must be a list', fr: 'doit être une liste' },
  arrayMaxSize: { en: 'has too many items', fr: "contient trop d'éléments" },
  arrayUnique: { en: 'must not repeat items', fr: 'ne doit pas contenir de doublons' },
  minLength: { en: 'is too short', fr: 'est trop court' },
  maxLength: { en: 'is too long', fr: 'est trop long' },
  min: { en: 'is too small', fr: 'est trop petit' },
  max: { en: 'is too large', fr: 'est trop grand' },
  matches: { en: 'has an invalid format', fr: 'a un format invalide' },
  isIso8601: { en: 'must be an ISO 8601 date-time', fr: 'doit être une date ISO 8601' },
  nestedValidation: { en: 'must be an object', fr: 'doit être un objet' },
  noNulCharacter: {
    en: 'must not contain the NUL character (\\u0000)',
    fr: 'ne doit pas contenir le caractère NUL (\\u0000)',
  },
  maxDepth: { en: 'is nested too deeply', fr: 'est imbriqué trop profondément' },
  happenedDate: {
    en: 'must be a date from 1960-01-01 to 24 hours from now',
    fr: 'doit être une date comprise entre le 1er janvier 1960 et dans 24 heures au plus',
  },
  plannedDate: {
    en: 'must be a date from 1960-01-01 to 2100-12-31',
    fr: 'doit être une date comprise entre le 1er janvier 1960 et le 31 décembre 2100',
  },
  nameCharacters: {
    en: 'must not contain invisible, control or direction-control characters (such as U+200B or U+202E)',
    fr: 'ne doit pas contenir de caractères invisibles, de contrôle ou de sens d’écriture (comme U+200B ou U+202E)',
  },
  textCharacters: {
    en: 'must not contain control or direction-control characters (such as U+202E)',
    fr: 'ne doit pas contenir de caractères de contrôle ou de sens d’écriture (comme U+202E)',
  },
};

export function fieldMessage(constraint: string, fallback: string, language: Language): string {
  const entry = FIELD_MESSAGES[constraint];
  return entry ? entry[language] : fallback;
}
