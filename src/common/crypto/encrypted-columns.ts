/**
 * Every encrypted column, for key rotation and the plaintext checks: a
 * module that adds a sensitive field lists it here. Values are stored as
 * `enc:v1:<kid>:…` bound to `table|column|id`.
 */
export const ENCRYPTED_COLUMNS: readonly { table: string; column: string }[] = [
  { table: 'app_user', column: 'legal_name' },
  { table: 'app_user', column: 'id_document_number' },
  { table: 'app_user', column: 'totp_secret' },
  { table: 'case_participant', column: 'real_name' },
  { table: 'case_participant', column: 'contact' },
  { table: 'notification', column: 'message' },
  { table: 'dialogue_case', column: 'location_detail' },
  { table: 'dialogue_case', column: 'confidential_notes' },
  { table: 'case_transition', column: 'reason' },
  { table: 'meeting', column: 'location_detail' },
  { table: 'meeting', column: 'outcome_notes' },
  { table: 'mission_order', column: 'decision_reason' },
  { table: 'accord', column: 'summary' },
  { table: 'accord_term', column: 'text' },
  { table: 'accord_term_revision', column: 'previous_text' },
  { table: 'follow_up_assessment', column: 'note' },
  { table: 'accord_flag', column: 'reason' },
  { table: 'accord_flag', column: 'resolution_note' },
];
