import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Written by hand: meetings of a dialogue case (src/modules/meetings) and
 * their attendees. `meeting.location_detail` and `.outcome_notes` hold
 * ciphertext (enc:v1:…) only. No double booking: the exclusion constraint
 * `ex_meeting_attendee_no_overlap` (btree_gist, for `user_id WITH =`) refuses
 * two active rows of one user whose time ranges overlap, so two concurrent
 * bookings cannot both commit. `active` is false once the meeting is held or
 * cancelled (the slot is free again). Needs `dialogue_case`.
 */
export class Meetings1795495300000 implements MigrationInterface {
  name = 'Meetings1795495300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await queryRunner.query(`
            CREATE TABLE "meeting" (
                "id" uuid NOT NULL,
                "case_id" uuid NOT NULL,
                "scheduled_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "duration_minutes" integer NOT NULL,
                "status" text NOT NULL,
                "agenda" text,
                "languages" text array NOT NULL DEFAULT '{}',
                "interpreter_needed" boolean NOT NULL DEFAULT false,
                "location_detail" text,
                "outcome_notes" text,
                "party_ids" uuid array NOT NULL DEFAULT '{}',
                "created_by" uuid NOT NULL,
                "version" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_meeting_duration_minutes" CHECK ("duration_minutes" BETWEEN 1 AND 1440),
                CONSTRAINT "ck_meeting_status" CHECK (
                    "status" IN ('planned', 'held', 'postponed', 'cancelled')
                ),
                CONSTRAINT "pk_meeting" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_meeting_created_by" ON "meeting" ("created_by")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_meeting_case_id_scheduled_at" ON "meeting" ("case_id", "scheduled_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_meeting_scheduled_at_id" ON "meeting" ("scheduled_at", "id")
        `);
    await queryRunner.query(`
            CREATE TABLE "meeting_attendee" (
                "meeting_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "during" tstzrange NOT NULL,
                "active" boolean NOT NULL DEFAULT true,
                CONSTRAINT "pk_meeting_attendee" PRIMARY KEY ("meeting_id", "user_id"),
                CONSTRAINT "ex_meeting_attendee_no_overlap" EXCLUDE USING gist ("user_id" WITH =, "during" WITH &&) WHERE ("active")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_meeting_attendee_user_id" ON "meeting_attendee" ("user_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "meeting"
            ADD CONSTRAINT "fk_meeting_case_id" FOREIGN KEY ("case_id") REFERENCES "dialogue_case"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "meeting"
            ADD CONSTRAINT "fk_meeting_created_by" FOREIGN KEY ("created_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "meeting_attendee"
            ADD CONSTRAINT "fk_meeting_attendee_meeting_id" FOREIGN KEY ("meeting_id") REFERENCES "meeting"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "meeting_attendee"
            ADD CONSTRAINT "fk_meeting_attendee_user_id" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "meeting_attendee" DROP CONSTRAINT "fk_meeting_attendee_user_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "meeting_attendee" DROP CONSTRAINT "fk_meeting_attendee_meeting_id"`,
    );
    await queryRunner.query(`ALTER TABLE "meeting" DROP CONSTRAINT "fk_meeting_created_by"`);
    await queryRunner.query(`ALTER TABLE "meeting" DROP CONSTRAINT "fk_meeting_case_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_meeting_attendee_user_id"`);
    await queryRunner.query(`DROP TABLE "meeting_attendee"`);
    await queryRunner.query(`DROP INDEX "public"."ix_meeting_scheduled_at_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_meeting_case_id_scheduled_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_meeting_created_by"`);
    await queryRunner.query(`DROP TABLE "meeting"`);
    // btree_gist stays: other objects may use it, and it holds no data.
  }
}
