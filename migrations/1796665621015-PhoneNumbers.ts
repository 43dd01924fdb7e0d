import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Users' phone numbers: encrypted, found by keyed hash; a verified number
 * belongs to one account (partial unique index); a pending verification
 * code is kept as a keyed hash with its expiry and wrong attempts.
 */
export class PhoneNumbers1796665621015 implements MigrationInterface {
  name = 'PhoneNumbers1796665621015';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "phone_number" (
                "id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "number" text NOT NULL,
                "number_hash" text NOT NULL,
                "verified_at" TIMESTAMP WITH TIME ZONE,
                "code_hash" text,
                "code_expires_at" TIMESTAMP WITH TIME ZONE,
                "code_attempts" integer NOT NULL DEFAULT '0',
                "added_by" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "uq_phone_number_user_id_number_hash" UNIQUE ("user_id", "number_hash"),
                CONSTRAINT "pk_phone_number" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_phone_number_verified_number_hash" ON "phone_number" ("number_hash")
            WHERE "verified_at" IS NOT NULL
        `);
    await queryRunner.query(`
            ALTER TABLE "phone_number"
            ADD CONSTRAINT "fk_phone_number_user_id" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "phone_number"
            ADD CONSTRAINT "fk_phone_number_added_by" FOREIGN KEY ("added_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "phone_number" DROP CONSTRAINT "fk_phone_number_added_by"
        `);
    await queryRunner.query(`
            ALTER TABLE "phone_number" DROP CONSTRAINT "fk_phone_number_user_id"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_phone_number_verified_number_hash"
        `);
    await queryRunner.query(`
            DROP TABLE "phone_number"
        `);
  }
}
