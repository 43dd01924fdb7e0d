import { MigrationInterface, QueryRunner } from 'typeorm';

export class SmsOutbox1796665179326 implements MigrationInterface {
  name = 'SmsOutbox1796665179326';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "sms_outbox" (
                "id" uuid NOT NULL,
                "to_number" text NOT NULL,
                "to_hash" text NOT NULL,
                "text" text NOT NULL,
                "text_hash" text NOT NULL,
                "purpose" text NOT NULL,
                "dedupe_key" text,
                "status" text NOT NULL DEFAULT 'queued',
                "attempts" integer NOT NULL DEFAULT '0',
                "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "last_error" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "sent_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "ck_sms_outbox_purpose" CHECK (purpose IN ('reply', 'verification', 'reminder')),
                CONSTRAINT "ck_sms_outbox_status" CHECK (status IN ('queued', 'sent', 'failed')),
                CONSTRAINT "pk_sms_outbox" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_sms_outbox_dedupe_key" ON "sms_outbox" ("dedupe_key")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_sms_outbox_created_at_id" ON "sms_outbox" ("created_at", "id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_sms_outbox_to_hash_text_hash_created_at" ON "sms_outbox" ("to_hash", "text_hash", "created_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_sms_outbox_status_next_attempt_at" ON "sms_outbox" ("status", "next_attempt_at")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."ix_sms_outbox_status_next_attempt_at"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_sms_outbox_to_hash_text_hash_created_at"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_sms_outbox_created_at_id"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_sms_outbox_dedupe_key"
        `);
    await queryRunner.query(`
            DROP TABLE "sms_outbox"
        `);
  }
}
