import { DisclosureAnswers, ReportTable } from './dto/disclosure-report.dto';

/** Columns every table has that tell nothing of their own. */
const TECHNICAL = new Set(['id', 'version', 'created_at', 'updated_at']);

/**
 * What the clear columns let someone learn, each fact stated only while
 * every column it relies on is still in clear in the inventory.
 */
const CLEAR_FACTS: [string, string[]][] = [
  [
    'who holds an account: user names, display names, roles, associations and authorities',
    ['app_user.username', 'app_user.display_name', 'app_user.role', 'app_user.association_id'],
  ],
  [
    'which dialogue cases exist, in which commune, with their code names, summaries, types, statuses and association',
    [
      'dialogue_case.code_name',
      'dialogue_case.summary',
      'dialogue_case.area_id',
      'dialogue_case.type',
      'dialogue_case.status',
      'dialogue_case.association_id',
    ],
  ],
  [
    'the parties of each case by name and description',
    ['case_party.name', 'case_party.description'],
  ],
  [
    "participants' pseudonyms and roles (not their real names or contacts)",
    ['case_participant.pseudonym', 'case_participant.role'],
  ],
  ['who is on which case team', ['case_team_member.case_id', 'case_team_member.user_id']],
  [
    'when meetings take place, their agendas, and which mediators attend',
    ['meeting.scheduled_at', 'meeting.agenda', 'meeting_attendee.user_id'],
  ],
  [
    'mission orders: purpose, dates, communes, holders and the deciding authority',
    [
      'mission_order.purpose',
      'mission_order.valid_from',
      'mission_order.valid_until',
      'mission_order_area.area_id',
      'mission_order_holder.user_id',
      'mission_order.authority_id',
    ],
  ],
  [
    'accords: kinds and dates; terms by category (not their text); follow-up judgements, incidents with their fatalities and kind of perpetrator',
    [
      'accord.kind',
      'accord_term.category',
      'follow_up.overall',
      'incident.fatalities',
      'incident.perpetrator_kind',
    ],
  ],
  [
    'the audit trail: who did what to which record, and when (field names, never values)',
    ['audit_event.actor_user_id', 'audit_event.action', 'audit_event.entity_id'],
  ],
  [
    "sessions: when each account used the API, and its browser's user agent",
    ['session.user_agent'],
  ],
];

function columnsOf(tables: ReportTable[], protection: string): string[] {
  return tables.flatMap((t) =>
    t.columns.filter((c) => c.protection === protection).map((c) => `${t.table}.${c.column}`),
  );
}

function clearFacts(tables: ReportTable[]): string[] {
  const clear = new Set(columnsOf(tables, 'clear'));
  return CLEAR_FACTS.filter(([, needs]) => needs.every((c) => clear.has(c))).map(([fact]) => fact);
}

/** The three answers, built from the inventory of the report's tables. */
export function answers(tables: ReportTable[]): DisclosureAnswers {
  const encrypted = columnsOf(tables, 'encrypted');
  const keyed = columnsOf(tables, 'keyed-hash');
  const oneWay = columnsOf(tables, 'one-way-hash');
  const clear = tables.flatMap((t) =>
    t.columns
      .filter((c) => c.protection === 'clear' && !TECHNICAL.has(c.column))
      .map((c) => `${t.table}.${c.column}`),
  );
  return {
    databaseAlone: [
      `Everything in the columns classed "clear" below (${clear.length} of them besides id, version, created_at and updated_at). So: ${clearFacts(tables).join('; ')}.`,
      `Not readable: the ${encrypted.length} encrypted columns (${encrypted.join(', ')}): AES-256-GCM ciphertext bound to its table, column and row, whose keys are not in the database.`,
      `Not reversible without the keys folder: ${keyed.join(', ')} (HMAC-SHA-256: a guessed name or address cannot even be checked).`,
      `Not reversible: ${oneWay.join(', ')}. Password hashes are Argon2id (19 MiB and 2 passes per guess and per account): a weak password can still be guessed offline, slowly; token hashes are of random 256-bit values.`,
      'A backup file alone gives nothing: it is encrypted to the backup public key (X25519, AES-256-GCM) and only the private key kept off the server opens it.',
    ],
    databaseAndKeys: [
      `Everything: the field key ring (field-keys.json) decrypts ${encrypted.join(', ')}; only values whose key was retired after a rotation, and the fields of erased cases (their data keys destroyed), stay unreadable.`,
      'With lookup.key, whether a given user name was tried at sign-in or a given address made requests in the last day (by hashing guesses: the hashes still cannot be reversed).',
      'With access-token.key, access tokens for any user, accepted until the file is replaced and every instance restarted; with mission-order-signing.json, forged mission-order credentials that checkpoints would accept until the key is rotated and credentials reprinted.',
      'Still not: passwords (Argon2id) and refresh or device tokens (hashes of random values).',
      'A backup together with the backup private key is the same as the database and the keys folder as they were when it was made: a case erased after that backup is still readable in it, until the backup is deleted.',
    ],
    seizedPhoneAfterPanic: [
      'Erased on the phone, in every open tab of the app (web/src/auth/panic.ts, web/src/offline/store.ts): the session and device tokens, the records opened (IndexedDB toguna, toguna-records, toguna-outbox), the writes not yet sent, localStorage and sessionStorage, the service worker and its caches.',
      'Even before panic, the copies kept on a phone hold pseudonyms: never real names, contacts, legal identities, confidential notes or exact places. API answers carry Cache-Control: no-store, so the browser keeps none in its HTTP cache.',
      'Revoked on the server when the phone reaches it within 5 s: every session of the user and the trusted devices (POST /api/v1/auth/panic). Panic with no connection erases the tokens on the phone but leaves the sessions open on the server: end them from another device (account, sessions) or have an admin disable the account.',
      "Not erased: mission-order PDFs downloaded (ordinary files), the browser's history (addresses such as /#/cases/<id>: ids, no names), a password the browser was asked to remember, screenshots and anything copied out of the app. Deleted browser storage may be recoverable with forensic tools until the phone reuses the space.",
      'A phone seized before panic and unlocked opens the app signed in: whatever its user may see is reachable until their sessions are revoked.',
    ],
  };
}
