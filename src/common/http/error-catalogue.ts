import { PASSWORD_RULE } from '../auth/password-rule';
import { Language } from './language';

interface Text {
  title: string;
  detail: string;
}
interface Entry {
  status: number;
  en: Text;
  fr: Text;
}

/**
 * Every error a client can receive: its HTTP status and its words in both
 * languages. A code thrown anywhere must be listed here (the type enforces it).
 */
export const ERROR_CATALOGUE = {
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
  invalid_attendee: {
    status: 400,
    en: {
      title: 'Not on the team',
      detail: 'Every attendee of a meeting must be on the case team.',
    },
    fr: {
      title: "Hors de l'équipe",
      detail: "Chaque participant à une réunion doit faire partie de l'équipe du dossier.",
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
  area_outside_jurisdiction: {
    status: 400,
    en: {
      title: 'Area outside jurisdiction',
      detail: "Every area of a mission order must lie within the authority's jurisdiction.",
    },
    fr: {
      title: 'Zone hors juridiction',
      detail: "Chaque zone d'un ordre de mission doit relever de la juridiction de l'autorité.",
    },
  },
  invalid_mission_order_holder: {
    status: 400,
    en: {
      title: 'Invalid holder',
      detail:
        'A coordinator requests orders for active mediators of the association; a mediator only for themself.',
    },
    fr: {
      title: 'Titulaire invalide',
      detail:
        "Un coordinateur demande des ordres pour les médiateurs actifs de l'association ; un médiateur pour lui-même seulement.",
    },
  },
  invalid_validity_window: {
    status: 400,
    en: {
      title: 'Invalid validity window',
      detail: 'validUntil must come after validFrom, at most 90 days later.',
    },
    fr: {
      title: 'Période de validité invalide',
      detail: 'validUntil doit suivre validFrom, au plus 90 jours après.',
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
  wrong_current_password: {
    status: 400,
    en: { title: 'Wrong password', detail: 'The current password is not correct.' },
    fr: { title: 'Mot de passe incorrect', detail: "Le mot de passe actuel n'est pas correct." },
  },
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
  unauthenticated: {
    status: 401,
    en: { title: 'Sign-in required', detail: 'A valid access token is required.' },
    fr: { title: 'Connexion requise', detail: "Un jeton d'accès valide est requis." },
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
  holder_identity_missing: {
    status: 409,
    en: {
      title: 'Holder identity missing',
      detail:
        'Every holder needs a legal name and an ID document number on file before the order is approved.',
    },
    fr: {
      title: 'Identité du titulaire manquante',
      detail:
        "Chaque titulaire doit avoir un nom légal et un numéro de pièce d'identité enregistrés avant l'approbation.",
    },
  },
  holder_disabled: {
    status: 409,
    en: {
      title: 'Holder disabled',
      detail:
        "A holder's account is disabled: their mission-order credential has ended, and none is approved or signed for them.",
    },
    fr: {
      title: 'Titulaire désactivé',
      detail:
        "Le compte d'un titulaire est désactivé : son attestation d'ordre de mission a pris fin, et aucune n'est approuvée ni signée pour lui.",
    },
  },
  mission_order_not_approved: {
    status: 409,
    en: {
      title: 'Order not approved',
      detail: 'Credentials exist only for an approved mission order.',
    },
    fr: {
      title: 'Ordre non approuvé',
      detail: "Les attestations n'existent que pour un ordre de mission approuvé.",
    },
  },
  meeting_overlap: {
    status: 409,
    en: {
      title: 'Double booking',
      detail: 'An attendee already has a meeting at an overlapping time.',
    },
    fr: {
      title: 'Double réservation',
      detail: 'Un participant a déjà une réunion sur un créneau qui se chevauche.',
    },
  },
  meeting_closed: {
    status: 409,
    en: {
      title: 'Meeting over',
      detail: 'This meeting was held or cancelled: it cannot change any more.',
    },
    fr: {
      title: 'Réunion terminée',
      detail: 'Cette réunion a eu lieu ou a été annulée : elle ne peut plus changer.',
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
  too_many_attempts: {
    status: 429,
    en: {
      title: 'Too many attempts',
      detail: 'Too many failed attempts. Wait before trying again.',
    },
    fr: { title: 'Trop de tentatives', detail: "Trop d'échecs. Patientez avant de réessayer." },
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
} satisfies Record<string, Entry>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** Every code a client may receive, sorted (the OpenAPI document lists them). */
export const errorCodes = (): ErrorCode[] => (Object.keys(ERROR_CATALOGUE) as ErrorCode[]).sort();

export function describeError(code: ErrorCode, language: Language): Text & { status: number } {
  const entry: Entry = ERROR_CATALOGUE[code];
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
