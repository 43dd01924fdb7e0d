import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Written by hand: the parties and participants of a dialogue case
 * (src/modules/case-members) and the per-user notifications (written by the
 * case team and coordination-registry routes; the notifications module reads
 * them). `case_participant.real_name`, `.contact` and `notification.message`
 * hold `enc:v1:` ciphertext only (src/common/crypto/encrypted-columns.ts).
 * Needs `dialogue_case` (1795495000000-DialogueCases).
 */
export class CaseMembersAndRegistry1795495100000 implements MigrationInterface {
  name = 'CaseMembersAndRegistry1795495100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "case_party" (
                "id" uuid NOT NULL,
                "case_id" uuid NOT NULL,
                "name" text NOT NULL,
                "kind" text NOT NULL,
                "description" text,
                "version" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_case_party_kind" CHECK (
                    "kind" IN ('community', 'armed_group', 'militia', 'authority', 'religious_leaders', 'ngo', 'other')
                ),
                CONSTRAINT "pk_case_party" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_case_party_case_id" ON "case_party" ("case_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "case_participant" (
                "id" uuid NOT NULL,
                "case_id" uuid NOT NULL,
                "pseudonym" text NOT NULL,
                "party_id" uuid,
                "role" text NOT NULL,
                "consent_to_record_identity" boolean NOT NULL DEFAULT false,
                "real_name" text,
                "contact" text,
                "version" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_case_participant" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_case_participant_case_id" ON "case_participant" ("case_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_case_participant_party_id" ON "case_participant" ("party_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "notification" (
                "id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "kind" text NOT NULL,
                "subject_type" text NOT NULL,
                "subject_id" uuid,
                "message" text,
                "read_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_notification" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_notification_user_id_created_at" ON "notification" ("user_id", "created_at")
        `);
    await queryRunner.query(`
            ALTER TABLE "case_party"
            ADD CONSTRAINT "fk_case_party_case_id" FOREIGN KEY ("case_id") REFERENCES "dialogue_case"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "case_participant"
            ADD CONSTRAINT "fk_case_participant_case_id" FOREIGN KEY ("case_id") REFERENCES "dialogue_case"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "case_participant"
            ADD CONSTRAINT "fk_case_participant_party_id" FOREIGN KEY ("party_id") REFERENCES "case_party"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "notification"
            ADD CONSTRAINT "fk_notification_user_id" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notification" DROP CONSTRAINT "fk_notification_user_id"`);
    await queryRunner.query(
      `ALTER TABLE "case_participant" DROP CONSTRAINT "fk_case_participant_party_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_participant" DROP CONSTRAINT "fk_case_participant_case_id"`,
    );
    await queryRunner.query(`ALTER TABLE "case_party" DROP CONSTRAINT "fk_case_party_case_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_notification_user_id_created_at"`);
    await queryRunner.query(`DROP TABLE "notification"`);
    await queryRunner.query(`DROP INDEX "public"."ix_case_participant_party_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_case_participant_case_id"`);
    await queryRunner.query(`DROP TABLE "case_participant"`);
    await queryRunner.query(`DROP INDEX "public"."ix_case_party_case_id"`);
    await queryRunner.query(`DROP TABLE "case_party"`);
  }
}
