import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Second factor: the TOTP secret (encrypted by the application), whether it
 * is enabled, the last accepted time step (replay protection); the step-up
 * time of a session; and the shared per-address rate-limit counters.
 */
export class TotpAndStepUp1795494000000 implements MigrationInterface {
  name = 'TotpAndStepUp1795494000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "app_user"
                ADD "totp_secret" text,
                ADD "totp_enabled" boolean NOT NULL DEFAULT false,
                ADD "totp_last_step" bigint
        `);
    await queryRunner.query(`
            ALTER TABLE "session" ADD "stepped_up_at" TIMESTAMP WITH TIME ZONE
        `);
    await queryRunner.query(`
            CREATE TABLE "rate_limit_hit" (
                "key" text NOT NULL,
                "window_started_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "hits" integer NOT NULL,
                "blocked_until" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "pk_rate_limit_hit" PRIMARY KEY ("key")
            )
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP TABLE "rate_limit_hit"
        `);
    await queryRunner.query(`
            ALTER TABLE "session" DROP COLUMN "stepped_up_at"
        `);
    await queryRunner.query(`
            ALTER TABLE "app_user"
                DROP COLUMN "totp_last_step",
                DROP COLUMN "totp_enabled",
                DROP COLUMN "totp_secret"
        `);
  }
}
