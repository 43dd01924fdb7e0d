/**
 * Every answer to an inbound SMS. Each is GSM-7 and fits one SMS (checked by
 * sms-replies.spec.ts), in French, and names nothing but an accord's code,
 * a short reference and counts: no name, village or term wording.
 */

/** dd/mm of a date (Mali is on UTC all year). */
function dayMonth(date: Date): string {
  const dd = String(date.getUTCDate()).padStart(2, '0');
  const mm = String(date.getUTCMonth() + 1).padStart(2, '0');
  return `${dd}/${mm}`;
}

/** A short reference a sender can quote: four digits of a record's id. */
export function shortReference(id: string): string {
  return String(parseInt(id.replace(/-/g, '').slice(0, 8), 16) % 10_000).padStart(4, '0');
}

export const SMS_REPLIES = {
  followUpRecorded: (code: string, ref: string, assessed: number, nextDue: Date): string =>
    `Suivi ${code} enregistré, réf ${ref}. ${assessed} engagement${assessed > 1 ? 's' : ''} ` +
    `noté${assessed > 1 ? 's' : ''}. Prochain suivi avant le ${dayMonth(nextDue)}.`,
  unknownTerms: (code: string, numbers: number[]): string =>
    `Suivi ${code} non enregistré: engagement ${numbers.slice(0, 5).join(', ')} inconnu. ` +
    `Les numéros sont sur la page de l'accord.`,
  alertRaised: (code: string, ref: string): string =>
    `Alerte ${code} transmise aux coordinateurs, réf ${ref}.`,
  phoneVerified: 'Numéro confirmé. Envoyez AIDE pour les formats des messages.',
  codeRejected:
    'Code non reconnu ou expiré. Ajoutez à nouveau le numéro pour recevoir un nouveau code.',
  /** Unknown number, unknown code, an accord the sender may not touch: one answer for all. */
  refused:
    "Message non accepté. Vérifiez le code de l'accord et que ce numéro est confirmé. " +
    'Envoyez AIDE pour les formats.',
  /** Something changed between reading and writing (e.g. an accord just removed). */
  notRecorded: 'Message non enregistré. Réessayez plus tard.',
  help: 'SUIVI code STABLE/TENDU/RUPTURE 1=0-3/V/? 2=... #note ; ALERTE code texte ; CODE chiffres',
  formatFollowUp:
    'Format: SUIVI code STABLE/TENDU/RUPTURE 1=3 2=V 3=? #note (0-3 avancement, V violé, ? inconnu)',
  formatAlert: "Format: ALERTE code texte (le code de 6 caractères est sur la page de l'accord)",
  formatCode: 'Format: CODE suivi des 6 chiffres envoyés par SMS',
  unknown: 'Message non compris. Envoyez AIDE pour les formats.',
} as const;
