import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Whose accord statistics an authority's officials see: the cercles of its
 * jurisdiction (every existing authority, from now on), or every cercle once
 * an admin grants "all" (PATCH /api/v1/authorities/:id).
 */
export class AuthorityStatsScope1796653284471 implements MigrationInterface {
  name = 'AuthorityStatsScope1796653284471';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "authority"
            ADD "stats_scope" text NOT NULL DEFAULT 'jurisdiction'
        `);
    await queryRunner.query(`
            ALTER TABLE "authority"
            ADD CONSTRAINT "ck_authority_stats_scope" CHECK ("stats_scope" IN ('jurisdiction', 'all'))
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "authority" DROP CONSTRAINT "ck_authority_stats_scope"
        `);
    await queryRunner.query(`
            ALTER TABLE "authority" DROP COLUMN "stats_scope"
        `);
  }
}
