import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Written by hand: accords of a dialogue case, their recorded terms (with the
 * revisions an amendment keeps), follow-up checks (per-term assessments,
 * incidents) and flags (src/modules/accords). Ciphertext (enc:v1:…) only in
 * `accord.summary`, `accord_term.text`, `accord_term_revision.previous_text`,
 * `follow_up_assessment.note`, `accord_flag.reason` and
 * `accord_flag.resolution_note`. `ix_follow_up_accord_id_checked_at` is
 * ordered `checked_at DESC` (latest check first); `ix_accord_flag_open_accord_id`
 * covers unresolved flags only. Needs `dialogue_case`, `case_party`, `meeting`.
 */
export class Accords1795495400000 implements MigrationInterface {
  name = 'Accords1795495400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "accord" ("id" uuid NOT NULL, "case_id" uuid NOT NULL, "concluded_at" TIMESTAMP WITH TIME ZONE NOT NULL, "meeting_id" uuid, "form" text NOT NULL, "kind" text NOT NULL, "monitoring_mechanism" text, "follow_up_interval_days" integer NOT NULL DEFAULT '30', "summary" text, "created_by" uuid NOT NULL, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_accord_follow_up_interval_days" CHECK ("follow_up_interval_days" BETWEEN 1 AND 366), CONSTRAINT "ck_accord_kind" CHECK ("kind" IN ('ceasefire', 'non_aggression_pact', 'framework', 'implementation', 'renewal', 'humanitarian_access')), CONSTRAINT "ck_accord_form" CHECK ("form" IN ('verbal', 'written')), CONSTRAINT "pk_accord" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_accord_case_id" ON "accord" ("case_id")`);
    await queryRunner.query(
      `CREATE TABLE "accord_term" ("id" uuid NOT NULL, "accord_id" uuid NOT NULL, "text" text NOT NULL, "category" text NOT NULL, "obligor_party_id" uuid NOT NULL, "beneficiary_party_id" uuid, "is_concession" boolean NOT NULL DEFAULT false, "deadline" date, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_accord_term_category" CHECK ("category" IN ('ceasefire_non_aggression', 'freedom_of_movement', 'livelihoods_access', 'weapons', 'armed_presence', 'explosives_mines', 'infrastructure', 'information_collaboration', 'reconciliation_forgiveness', 'prisoner_release', 'compensation', 'religious_social_rules', 'taxation_zakat', 'education', 'justice_dispute_resolution', 'displacement_return', 'humanitarian_access', 'other')), CONSTRAINT "pk_accord_term" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_accord_term_accord_id" ON "accord_term" ("accord_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_accord_term_obligor_party_id" ON "accord_term" ("obligor_party_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_accord_term_beneficiary_party_id" ON "accord_term" ("beneficiary_party_id")`,
    );
    await queryRunner.query(
      `CREATE TABLE "accord_term_revision" ("id" uuid NOT NULL, "term_id" uuid NOT NULL, "previous_text" text NOT NULL, "previous_category" text NOT NULL, "meeting_id" uuid, "changed_by" uuid NOT NULL, "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_accord_term_revision" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_accord_term_revision_term_id_changed_at" ON "accord_term_revision" ("term_id", "changed_at")`,
    );
    await queryRunner.query(
      `CREATE TABLE "follow_up" ("id" uuid NOT NULL, "accord_id" uuid NOT NULL, "checked_at" TIMESTAMP WITH TIME ZONE NOT NULL, "method" text NOT NULL, "indicators" jsonb NOT NULL DEFAULT '{}', "overall" text NOT NULL, "next_check_due" TIMESTAMP WITH TIME ZONE NOT NULL, "implementation_score" numeric(5,2), "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_follow_up_overall" CHECK ("overall" IN ('stable', 'tense', 'breaking_down')), CONSTRAINT "ck_follow_up_method" CHECK ("method" IN ('visit', 'phone', 'informant', 'meeting')), CONSTRAINT "pk_follow_up" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_follow_up_accord_id_checked_at" ON "follow_up" ("accord_id", "checked_at" DESC)`,
    );
    await queryRunner.query(
      `CREATE TABLE "follow_up_assessment" ("id" uuid NOT NULL, "follow_up_id" uuid NOT NULL, "term_id" uuid NOT NULL, "status" text NOT NULL, "note" text, CONSTRAINT "ck_follow_up_assessment_status" CHECK ("status" IN ('not_initiated', 'minimal', 'intermediate', 'full', 'violated', 'unknown')), CONSTRAINT "uq_follow_up_assessment_id" UNIQUE ("id"), CONSTRAINT "pk_follow_up_assessment" PRIMARY KEY ("follow_up_id", "term_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_follow_up_assessment_term_id" ON "follow_up_assessment" ("term_id")`,
    );
    await queryRunner.query(
      `CREATE TABLE "incident" ("id" uuid NOT NULL, "follow_up_id" uuid NOT NULL, "type" text NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "fatalities" integer NOT NULL DEFAULT '0', "perpetrator_kind" text, "verification" text NOT NULL, CONSTRAINT "ck_incident_fatalities" CHECK ("fatalities" >= 0), CONSTRAINT "ck_incident_verification" CHECK ("verification" IN ('verified', 'unverified', 'pending', 'false')), CONSTRAINT "ck_incident_type" CHECK ("type" IN ('armed_clash', 'attack_on_civilians', 'abduction', 'explosive_device', 'looting_property_destruction', 'cattle_theft', 'siege_blockade', 'corporal_punishment', 'threat_intimidation', 'arrest_detention', 'displacement', 'other')), CONSTRAINT "pk_incident" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_incident_follow_up_id" ON "incident" ("follow_up_id")`,
    );
    await queryRunner.query(
      `CREATE TABLE "accord_flag" ("id" uuid NOT NULL, "accord_id" uuid NOT NULL, "severity" text NOT NULL, "reason" text NOT NULL, "raised_by" uuid NOT NULL, "raised_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "resolved_by" uuid, "resolved_at" TIMESTAMP WITH TIME ZONE, "resolution_note" text, CONSTRAINT "ck_accord_flag_severity" CHECK ("severity" IN ('low', 'medium', 'high')), CONSTRAINT "pk_accord_flag" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_accord_flag_open_accord_id" ON "accord_flag" ("accord_id") WHERE (resolved_at IS NULL)`,
    );
    await queryRunner.query(
      `ALTER TABLE "accord" ADD CONSTRAINT "fk_accord_case_id" FOREIGN KEY ("case_id") REFERENCES "dialogue_case"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "accord" ADD CONSTRAINT "fk_accord_meeting_id" FOREIGN KEY ("meeting_id") REFERENCES "meeting"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "accord" ADD CONSTRAINT "fk_accord_created_by" FOREIGN KEY ("created_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "accord_term" ADD CONSTRAINT "fk_accord_term_accord_id" FOREIGN KEY ("accord_id") REFERENCES "accord"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "accord_term" ADD CONSTRAINT "fk_accord_term_obligor_party_id" FOREIGN KEY ("obligor_party_id") REFERENCES "case_party"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "accord_term" ADD CONSTRAINT "fk_accord_term_beneficiary_party_id" FOREIGN KEY ("beneficiary_party_id") REFERENCES "case_party"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "accord_term_revision" ADD CONSTRAINT "fk_accord_term_revision_term_id" FOREIGN KEY ("term_id") REFERENCES "accord_term"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "accord_term_revision" ADD CONSTRAINT "fk_accord_term_revision_meeting_id" FOREIGN KEY ("meeting_id") REFERENCES "meeting"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "accord_term_revision" ADD CONSTRAINT "fk_accord_term_revision_changed_by" FOREIGN KEY ("changed_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "follow_up" ADD CONSTRAINT "fk_follow_up_accord_id" FOREIGN KEY ("accord_id") REFERENCES "accord"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "follow_up" ADD CONSTRAINT "fk_follow_up_created_by" FOREIGN KEY ("created_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "follow_up_assessment" ADD CONSTRAINT "fk_follow_up_assessment_follow_up_id" FOREIGN KEY ("follow_up_id") REFERENCES "follow_up"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "follow_up_assessment" ADD CONSTRAINT "fk_follow_up_assessment_term_id" FOREIGN KEY ("term_id") REFERENCES "accord_term"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "incident" ADD CONSTRAINT "fk_incident_follow_up_id" FOREIGN KEY ("follow_up_id") REFERENCES "follow_up"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "accord_flag" ADD CONSTRAINT "fk_accord_flag_accord_id" FOREIGN KEY ("accord_id") REFERENCES "accord"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "accord_flag" ADD CONSTRAINT "fk_accord_flag_raised_by" FOREIGN KEY ("raised_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "accord_flag" ADD CONSTRAINT "fk_accord_flag_resolved_by" FOREIGN KEY ("resolved_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "accord_flag" DROP CONSTRAINT "fk_accord_flag_resolved_by"`,
    );
    await queryRunner.query(`ALTER TABLE "accord_flag" DROP CONSTRAINT "fk_accord_flag_raised_by"`);
    await queryRunner.query(`ALTER TABLE "accord_flag" DROP CONSTRAINT "fk_accord_flag_accord_id"`);
    await queryRunner.query(`ALTER TABLE "incident" DROP CONSTRAINT "fk_incident_follow_up_id"`);
    await queryRunner.query(
      `ALTER TABLE "follow_up_assessment" DROP CONSTRAINT "fk_follow_up_assessment_term_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "follow_up_assessment" DROP CONSTRAINT "fk_follow_up_assessment_follow_up_id"`,
    );
    await queryRunner.query(`ALTER TABLE "follow_up" DROP CONSTRAINT "fk_follow_up_created_by"`);
    await queryRunner.query(`ALTER TABLE "follow_up" DROP CONSTRAINT "fk_follow_up_accord_id"`);
    await queryRunner.query(
      `ALTER TABLE "accord_term_revision" DROP CONSTRAINT "fk_accord_term_revision_changed_by"`,
    );
    await queryRunner.query(
      `ALTER TABLE "accord_term_revision" DROP CONSTRAINT "fk_accord_term_revision_meeting_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "accord_term_revision" DROP CONSTRAINT "fk_accord_term_revision_term_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "accord_term" DROP CONSTRAINT "fk_accord_term_beneficiary_party_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "accord_term" DROP CONSTRAINT "fk_accord_term_obligor_party_id"`,
    );
    await queryRunner.query(`ALTER TABLE "accord_term" DROP CONSTRAINT "fk_accord_term_accord_id"`);
    await queryRunner.query(`ALTER TABLE "accord" DROP CONSTRAINT "fk_accord_created_by"`);
    await queryRunner.query(`ALTER TABLE "accord" DROP CONSTRAINT "fk_accord_meeting_id"`);
    await queryRunner.query(`ALTER TABLE "accord" DROP CONSTRAINT "fk_accord_case_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_accord_flag_open_accord_id"`);
    await queryRunner.query(`DROP TABLE "accord_flag"`);
    await queryRunner.query(`DROP INDEX "public"."ix_incident_follow_up_id"`);
    await queryRunner.query(`DROP TABLE "incident"`);
    await queryRunner.query(`DROP INDEX "public"."ix_follow_up_assessment_term_id"`);
    await queryRunner.query(`DROP TABLE "follow_up_assessment"`);
    await queryRunner.query(`DROP INDEX "public"."ix_follow_up_accord_id_checked_at"`);
    await queryRunner.query(`DROP TABLE "follow_up"`);
    await queryRunner.query(`DROP INDEX "public"."ix_accord_term_revision_term_id_changed_at"`);
    await queryRunner.query(`DROP TABLE "accord_term_revision"`);
    await queryRunner.query(`DROP INDEX "public"."ix_accord_term_beneficiary_party_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_accord_term_obligor_party_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_accord_term_accord_id"`);
    await queryRunner.query(`DROP TABLE "accord_term"`);
    await queryRunner.query(`DROP INDEX "public"."ix_accord_case_id"`);
    await queryRunner.query(`DROP TABLE "accord"`);
  }
}
