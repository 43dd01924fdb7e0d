import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Device tokens (trusted devices at sign-in). The attempt counters are
 * emptied: they held account names and client addresses in clear (or as
 * plain hashes), and are kept as keyed hashes from now on. They are
 * short-lived; losing them only forgets the last minutes' failures.
 */
export class TrustedDevices1796652786066 implements MigrationInterface {
  name = 'TrustedDevices1796652786066';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "trusted_device" (
                "id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "token_hash" bytea NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "last_used_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "uq_trusted_device_token_hash" UNIQUE ("token_hash"),
                CONSTRAINT "pk_trusted_device" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_trusted_device_user_id" ON "trusted_device" ("user_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "trusted_device"
            ADD CONSTRAINT "fk_trusted_device_user_id" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`DELETE FROM "login_throttle"`);
    await queryRunner.query(`DELETE FROM "rate_limit_hit"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "trusted_device" DROP CONSTRAINT "fk_trusted_device_user_id"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_trusted_device_user_id"
        `);
    await queryRunner.query(`
            DROP TABLE "trusted_device"
        `);
  }
}
