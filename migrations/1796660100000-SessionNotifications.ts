import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Written by hand: the database tells every API instance when a cached
 * session check goes stale (src/modules/sessions/principal-cache.ts), on the
 * channel `toguna_principal`, at commit: `s:<id>` when a session is revoked,
 * shortened or deleted, `u:<id>` when an account's principal fields (name,
 * role, membership, TOTP, pending, must-change-password) or its disabled
 * state change, or it is deleted. Whatever the code path or tool that makes
 * the change.
 */
export class SessionNotifications1796660100000 implements MigrationInterface {
  name = 'SessionNotifications1796660100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE FUNCTION "notify_principal_change"() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('toguna_principal', TG_ARGV[0] || ':' || OLD.id);
                RETURN NULL;
            END
            $$
        `);
    await queryRunner.query(`
            CREATE TRIGGER "session_notify_principal"
            AFTER UPDATE ON "session"
            FOR EACH ROW
            WHEN (NEW.revoked_at IS DISTINCT FROM OLD.revoked_at
                  OR NEW.expires_at < OLD.expires_at
                  OR NEW.user_id <> OLD.user_id)
            EXECUTE FUNCTION "notify_principal_change"('s')
        `);
    await queryRunner.query(`
            CREATE TRIGGER "session_notify_principal_delete"
            AFTER DELETE ON "session"
            FOR EACH ROW EXECUTE FUNCTION "notify_principal_change"('s')
        `);
    await queryRunner.query(`
            CREATE TRIGGER "app_user_notify_principal"
            AFTER UPDATE ON "app_user"
            FOR EACH ROW
            WHEN ((NEW.username, NEW.role, NEW.association_id, NEW.authority_id,
                   NEW.must_change_password, NEW.totp_enabled, NEW.pending, NEW.disabled)
                  IS DISTINCT FROM
                  (OLD.username, OLD.role, OLD.association_id, OLD.authority_id,
                   OLD.must_change_password, OLD.totp_enabled, OLD.pending, OLD.disabled))
            EXECUTE FUNCTION "notify_principal_change"('u')
        `);
    await queryRunner.query(`
            CREATE TRIGGER "app_user_notify_principal_delete"
            AFTER DELETE ON "app_user"
            FOR EACH ROW EXECUTE FUNCTION "notify_principal_change"('u')
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "app_user_notify_principal_delete" ON "app_user"`);
    await queryRunner.query(`DROP TRIGGER "app_user_notify_principal" ON "app_user"`);
    await queryRunner.query(`DROP TRIGGER "session_notify_principal_delete" ON "session"`);
    await queryRunner.query(`DROP TRIGGER "session_notify_principal" ON "session"`);
    await queryRunner.query(`DROP FUNCTION "notify_principal_change"()`);
  }
}
