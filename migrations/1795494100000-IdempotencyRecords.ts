import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Written by hand: the first response to a POST with an Idempotency-Key,
 * per user and key (src/common/http/idempotency). No foreign key to
 * app_user: records expire after 24 h and users are disabled, not deleted.
 */
export class IdempotencyRecords1795494100000 implements MigrationInterface {
  name = 'IdempotencyRecords1795494100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "idempotency_record" (
                "user_id" uuid NOT NULL,
                "key" text NOT NULL,
                "request_hash" bytea NOT NULL,
                "status_code" integer,
                "response_body" jsonb,
                "response_headers" jsonb NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "completed_at" TIMESTAMP WITH TIME ZONE,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "pk_idempotency_record" PRIMARY KEY ("user_id", "key")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_idempotency_record_expires_at" ON "idempotency_record" ("expires_at")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."ix_idempotency_record_expires_at"
        `);
    await queryRunner.query(`
            DROP TABLE "idempotency_record"
        `);
  }
}
