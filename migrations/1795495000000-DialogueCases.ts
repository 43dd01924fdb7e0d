import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Written by hand: dialogue cases (src/modules/cases), their team and their
 * status transitions. `location_detail`, `confidential_notes` and the
 * transition `reason` hold ciphertext (enc:v1:…), never plaintext. At most
 * one lead per case (partial unique index). Team members and transitions
 * go with their case; users, areas and associations cannot be deleted
 * while a case refers to them.
 */
export class DialogueCases1795495000000 implements MigrationInterface {
  name = 'DialogueCases1795495000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "dialogue_case" (
                "id" uuid NOT NULL,
                "code_name" text NOT NULL,
                "area_id" uuid NOT NULL,
                "type" text NOT NULL,
                "status" text NOT NULL,
                "status_before_suspension" text,
                "summary" text,
                "languages" text array NOT NULL DEFAULT '{}',
                "location_detail" text,
                "confidential_notes" text,
                "association_id" uuid NOT NULL,
                "created_by" uuid NOT NULL,
                "version" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_dialogue_case_status" CHECK (
                    "status" IN ('exploratory', 'negotiating', 'accord_reached', 'monitoring', 'breaking_down', 'collapsed', 'suspended', 'closed')
                ),
                CONSTRAINT "ck_dialogue_case_type" CHECK (
                    "type" IN ('community_armed_group', 'intercommunity', 'militia_armed_group', 'humanitarian_access', 'other')
                ),
                CONSTRAINT "pk_dialogue_case" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_dialogue_case_created_by" ON "dialogue_case" ("created_by")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_dialogue_case_area_id_status" ON "dialogue_case" ("area_id", "status")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_dialogue_case_association_id_created_at" ON "dialogue_case" ("association_id", "created_at", "id")
        `);
    await queryRunner.query(`
            CREATE TABLE "case_team_member" (
                "case_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "lead" boolean NOT NULL DEFAULT false,
                "added_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_case_team_member" PRIMARY KEY ("case_id", "user_id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_case_team_member_lead" ON "case_team_member" ("case_id") WHERE "lead"
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_case_team_member_user_id" ON "case_team_member" ("user_id", "case_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "case_transition" (
                "id" uuid NOT NULL,
                "case_id" uuid NOT NULL,
                "from_status" text NOT NULL,
                "to_status" text NOT NULL,
                "reason" text NOT NULL,
                "actor_user_id" uuid NOT NULL,
                "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_case_transition" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_case_transition_actor_user_id" ON "case_transition" ("actor_user_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_case_transition_case_id_occurred_at" ON "case_transition" ("case_id", "occurred_at")
        `);
    await queryRunner.query(`
            ALTER TABLE "dialogue_case"
            ADD CONSTRAINT "fk_dialogue_case_area_id" FOREIGN KEY ("area_id") REFERENCES "area"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "dialogue_case"
            ADD CONSTRAINT "fk_dialogue_case_association_id" FOREIGN KEY ("association_id") REFERENCES "association"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "dialogue_case"
            ADD CONSTRAINT "fk_dialogue_case_created_by" FOREIGN KEY ("created_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "case_team_member"
            ADD CONSTRAINT "fk_case_team_member_case_id" FOREIGN KEY ("case_id") REFERENCES "dialogue_case"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "case_team_member"
            ADD CONSTRAINT "fk_case_team_member_user_id" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "case_transition"
            ADD CONSTRAINT "fk_case_transition_case_id" FOREIGN KEY ("case_id") REFERENCES "dialogue_case"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "case_transition"
            ADD CONSTRAINT "fk_case_transition_actor_user_id" FOREIGN KEY ("actor_user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "case_transition"`);
    await queryRunner.query(`DROP TABLE "case_team_member"`);
    await queryRunner.query(`DROP TABLE "dialogue_case"`);
  }
}
