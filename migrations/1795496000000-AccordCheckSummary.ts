import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Written by hand: `accord_check_summary`, one row per checked accord with
 * what the health rules need from its last two checks (src/modules/accords/
 * accord-check-summary.entity.ts), filled here for the accords already
 * checked.
 */
const FILL = `  INSERT INTO accord_check_summary AS s
         (accord_id, last_follow_up_id, last_checked_at, overall, next_check_due,
          implementation_score, threats_against_mediators, term_violated, term_score_dropped,
          last_incident_at, last_fatal_incident_at)
  SELECT x.id, lc.id, lc.checked_at, lc.overall, lc.next_check_due, lc.implementation_score,
         coalesce(lc.indicators ->> 'threats_against_mediators' = 'yes', false),
         EXISTS (SELECT 1 FROM follow_up_assessment fa
                  WHERE fa.follow_up_id = lc.id AND fa.status = 'violated'),
         EXISTS (SELECT 1 FROM follow_up_assessment la
                   JOIN follow_up_assessment pa ON pa.term_id = la.term_id
                  WHERE la.follow_up_id = lc.id AND pa.follow_up_id = pc.id
                    AND (CASE la.status WHEN 'not_initiated' THEN 0 WHEN 'violated' THEN 0 WHEN 'minimal' THEN 1
                WHEN 'intermediate' THEN 2 WHEN 'full' THEN 3 END) < (CASE pa.status WHEN 'not_initiated' THEN 0 WHEN 'violated' THEN 0 WHEN 'minimal' THEN 1
                WHEN 'intermediate' THEN 2 WHEN 'full' THEN 3 END)),
         inc.last_at, inc.last_fatal_at
    FROM (SELECT id FROM accord) AS x(id)
    CROSS JOIN LATERAL (
      SELECT f.id, f.checked_at, f.overall, f.next_check_due, f.implementation_score, f.indicators
        FROM follow_up f WHERE f.accord_id = x.id
       ORDER BY f.checked_at DESC, f.id DESC LIMIT 1) AS lc
    LEFT JOIN LATERAL (
      SELECT f.id FROM follow_up f WHERE f.accord_id = x.id
       ORDER BY f.checked_at DESC, f.id DESC OFFSET 1 LIMIT 1) AS pc ON true
    CROSS JOIN LATERAL (
      SELECT max(i.occurred_at) AS last_at,
             max(i.occurred_at) FILTER (WHERE i.fatalities > 0) AS last_fatal_at
        FROM follow_up f JOIN incident i ON i.follow_up_id = f.id
       WHERE f.accord_id = x.id) AS inc
  ON CONFLICT (accord_id) DO UPDATE SET
    last_follow_up_id = excluded.last_follow_up_id,
    last_checked_at = excluded.last_checked_at,
    overall = excluded.overall,
    next_check_due = excluded.next_check_due,
    implementation_score = excluded.implementation_score,
    threats_against_mediators = excluded.threats_against_mediators,
    term_violated = excluded.term_violated,
    term_score_dropped = excluded.term_score_dropped,
    last_incident_at = excluded.last_incident_at,
    last_fatal_incident_at = excluded.last_fatal_incident_at`;

export class AccordCheckSummary1795496000000 implements MigrationInterface {
  name = 'AccordCheckSummary1795496000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "accord_check_summary" ("accord_id" uuid NOT NULL, "last_follow_up_id" uuid NOT NULL, "last_checked_at" TIMESTAMP WITH TIME ZONE NOT NULL, "overall" text NOT NULL, "next_check_due" TIMESTAMP WITH TIME ZONE NOT NULL, "implementation_score" numeric(5,2), "threats_against_mediators" boolean NOT NULL, "term_violated" boolean NOT NULL, "term_score_dropped" boolean NOT NULL, "last_incident_at" TIMESTAMP WITH TIME ZONE, "last_fatal_incident_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "pk_accord_check_summary" PRIMARY KEY ("accord_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "accord_check_summary" ADD CONSTRAINT "fk_accord_check_summary_accord_id" FOREIGN KEY ("accord_id") REFERENCES "accord"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // Every accord checked so far (what refreshCheckSummarySql wrote when this was written).
    await queryRunner.query(FILL);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "accord_check_summary"`);
  }
}
