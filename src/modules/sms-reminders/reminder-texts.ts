/**
 * The reminder SMS: French, GSM-7, one message, and nothing identifying:
 * the accord's SMS code and a date, never a name, a village, a term, nor
 * the name of the application (README, What an SMS reveals).
 */
export type ReminderKind = 'follow_up_due' | 'follow_up_overdue';

/** `2027-01-12` → `12/01`. */
const dayMonth = (isoDate: string): string => `${isoDate.slice(8, 10)}/${isoDate.slice(5, 7)}`;

const how = (smsCode: string): string =>
  `Envoyez SUIVI ${smsCode} puis l'état (STABLE, TENDU ou RUPTURE). AIDE pour les formats.`;

export function reminderText(kind: ReminderKind, smsCode: string, dueDate: string | null): string {
  const when =
    dueDate === null
      ? ''
      : kind === 'follow_up_due'
        ? ` avant le ${dayMonth(dueDate)}`
        : ` (prévu le ${dayMonth(dueDate)})`;
  const head =
    kind === 'follow_up_due'
      ? `Rappel: suivi ${smsCode} à faire${when}.`
      : `Rappel: suivi ${smsCode} en retard${when}.`;
  return `${head} ${how(smsCode)}`;
}
