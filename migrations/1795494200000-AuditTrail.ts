import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Written by hand: the tamper-evident audit trail (src/common/audit).
 * `seq` is assigned by the application (previous + 1 under an advisory
 * lock), each row hashes the previous one, and a trigger makes the table
 * append-only (UPDATE, DELETE and TRUNCATE raise). No foreign keys: events
 * outlive the records they describe. The two composite indexes serve the
 * filters (entity, association) and the newest-first keyset order together.
 */
export class AuditTrail1795494200000 implements MigrationInterface {
  name = 'AuditTrail1795494200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "audit_event" (
                "seq" bigint NOT NULL,
                "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "actor_user_id" uuid,
                "actor_role" text,
                "action" text NOT NULL,
                "entity_type" text,
                "entity_id" uuid,
                "association_id" uuid,
                "request_id" text,
                "details" jsonb NOT NULL DEFAULT '{}',
                "prev_hash" bytea,
                "hash" bytea NOT NULL,
                CONSTRAINT "pk_audit_event" PRIMARY KEY ("seq")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_audit_event_occurred_at" ON "audit_event" ("occurred_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_audit_event_entity_id_seq" ON "audit_event" ("entity_id", "seq")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_audit_event_association_id_seq" ON "audit_event" ("association_id", "seq")
        `);
    await queryRunner.query(`
            CREATE FUNCTION "audit_event_reject_change"() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'audit_event is append-only'
                    USING ERRCODE = 'insufficient_privilege',
                          HINT = 'Audit events are never updated or deleted.';
            END
            $$
        `);
    await queryRunner.query(`
            CREATE TRIGGER "audit_event_append_only"
            BEFORE UPDATE OR DELETE ON "audit_event"
            FOR EACH ROW EXECUTE FUNCTION "audit_event_reject_change"()
        `);
    await queryRunner.query(`
            CREATE TRIGGER "audit_event_no_truncate"
            BEFORE TRUNCATE ON "audit_event"
            FOR EACH STATEMENT EXECUTE FUNCTION "audit_event_reject_change"()
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP TRIGGER "audit_event_no_truncate" ON "audit_event"
        `);
    await queryRunner.query(`
            DROP TRIGGER "audit_event_append_only" ON "audit_event"
        `);
    await queryRunner.query(`
            DROP FUNCTION "audit_event_reject_change"()
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_audit_event_association_id_seq"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_audit_event_entity_id_seq"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_audit_event_occurred_at"
        `);
    await queryRunner.query(`
            DROP TABLE "audit_event"
        `);
  }
}
