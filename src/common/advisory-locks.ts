/**
 * The PostgreSQL advisory lock keys of the application, in one place: two
 * jobs sharing a key would skip each other's runs. Single bigint keys; the
 * per-value locks use the two-int form (`pg_advisory_xact_lock(space,
 * hashtext(value))`), a separate key space, with a space from here.
 */
export const ADVISORY_LOCKS = {
  /** Migrations: one instance migrates while the others wait (session lock). */
  migrations: 7_340_001,
  /** The audit sequencer: one instance seals at a time. */
  auditSealing: 7_340_002,
  followUpReminders: 7_202_611_001,
  smsDelivery: 7_202_611_002,
  smsReminders: 7_202_611_003,
  scheduledBackups: 7_202_611_004,
} as const;

/** Spaces of the two-int per-value locks. */
export const ADVISORY_LOCK_SPACES = {
  /** Messages queued to one number (the cap on identical texts). */
  smsNumber: 7_202_612,
} as const;
