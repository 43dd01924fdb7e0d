import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Written by hand: audit events are written unsealed and sealed later by the
 * sequencer (src/common/audit/audit-sequencer.ts). `id` (insertion order, not
 * hashed) becomes the key; `seq` and `hash` stay null until sealing. Existing
 * events keep their seq, prev_hash and hash (the chain stays valid) and get
 * id = seq. The append-only trigger now lets through exactly one UPDATE per
 * event: the one that seals it (seq, prev_hash and hash set, nothing else
 * changed). The filters' indexes follow the listing order (id).
 */
export class AuditSequencer1796660000000 implements MigrationInterface {
  name = 'AuditSequencer1796660000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "audit_event_append_only" ON "audit_event"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_event_entity_id_seq"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_event_association_id_seq"`);
    await queryRunner.query(`ALTER TABLE "audit_event" ADD "id" bigint`);
    await queryRunner.query(`UPDATE "audit_event" SET "id" = "seq"`);
    await queryRunner.query(`CREATE SEQUENCE "audit_event_id_seq" OWNED BY "audit_event"."id"`);
    await queryRunner.query(
      `SELECT setval('"audit_event_id_seq"', coalesce(max("id"), 0) + 1, false) FROM "audit_event"`,
    );
    await queryRunner.query(`
            ALTER TABLE "audit_event"
                ALTER COLUMN "id" SET DEFAULT nextval('"audit_event_id_seq"'),
                ALTER COLUMN "id" SET NOT NULL,
                DROP CONSTRAINT "pk_audit_event",
                ADD CONSTRAINT "pk_audit_event" PRIMARY KEY ("id"),
                ALTER COLUMN "seq" DROP NOT NULL,
                ALTER COLUMN "hash" DROP NOT NULL,
                ADD CONSTRAINT "ck_audit_event_sealed" CHECK ((seq IS NULL) = (hash IS NULL))
        `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_audit_event_seq" ON "audit_event" ("seq")`);
    await queryRunner.query(
      `CREATE INDEX "ix_audit_event_unsealed" ON "audit_event" ("id") WHERE seq IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_audit_event_association_id_id" ON "audit_event" ("association_id", "id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_audit_event_entity_id_id" ON "audit_event" ("entity_id", "id")`,
    );
    await queryRunner.query(`
            CREATE FUNCTION "audit_event_seal_only"() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                IF OLD.seq IS NULL AND NEW.seq IS NOT NULL AND NEW.hash IS NOT NULL
                   AND to_jsonb(NEW) - 'seq' - 'prev_hash' - 'hash'
                       = to_jsonb(OLD) - 'seq' - 'prev_hash' - 'hash' THEN
                    RETURN NEW;
                END IF;
                RAISE EXCEPTION 'audit_event is append-only'
                    USING ERRCODE = 'insufficient_privilege',
                          HINT = 'Audit events are never updated or deleted, only sealed once.';
            END
            $$
        `);
    await queryRunner.query(`
            CREATE TRIGGER "audit_event_seal_only"
            BEFORE UPDATE ON "audit_event"
            FOR EACH ROW EXECUTE FUNCTION "audit_event_seal_only"()
        `);
    await queryRunner.query(`
            CREATE TRIGGER "audit_event_append_only"
            BEFORE DELETE ON "audit_event"
            FOR EACH ROW EXECUTE FUNCTION "audit_event_reject_change"()
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // Unsealed events cannot be kept under the old schema (seq and hash NOT NULL).
    await queryRunner.query(`DROP TRIGGER "audit_event_append_only" ON "audit_event"`);
    await queryRunner.query(`DROP TRIGGER "audit_event_seal_only" ON "audit_event"`);
    await queryRunner.query(`DROP FUNCTION "audit_event_seal_only"()`);
    await queryRunner.query(`DELETE FROM "audit_event" WHERE "seq" IS NULL`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_event_entity_id_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_event_association_id_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_event_unsealed"`);
    await queryRunner.query(`DROP INDEX "public"."uq_audit_event_seq"`);
    await queryRunner.query(`
            ALTER TABLE "audit_event"
                DROP CONSTRAINT "ck_audit_event_sealed",
                DROP CONSTRAINT "pk_audit_event",
                ALTER COLUMN "seq" SET NOT NULL,
                ALTER COLUMN "hash" SET NOT NULL,
                ADD CONSTRAINT "pk_audit_event" PRIMARY KEY ("seq"),
                DROP COLUMN "id"
        `);
    await queryRunner.query(
      `CREATE INDEX "ix_audit_event_association_id_seq" ON "audit_event" ("association_id", "seq")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_audit_event_entity_id_seq" ON "audit_event" ("entity_id", "seq")`,
    );
    await queryRunner.query(`
            CREATE TRIGGER "audit_event_append_only"
            BEFORE UPDATE OR DELETE ON "audit_event"
            FOR EACH ROW EXECUTE FUNCTION "audit_event_reject_change"()
        `);
  }
}
