import { MigrationInterface, QueryRunner } from 'typeorm';

export class SmsPreferences1796665723566 implements MigrationInterface {
  name = 'SmsPreferences1796665723566';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "sms_preference" (
                "user_id" uuid NOT NULL,
                "reminders" boolean NOT NULL,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_sms_preference" PRIMARY KEY ("user_id")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "sms_preference"
            ADD CONSTRAINT "fk_sms_preference_user_id" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "sms_preference" DROP CONSTRAINT "fk_sms_preference_user_id"
        `);
    await queryRunner.query(`
            DROP TABLE "sms_preference"
        `);
  }
}
