import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Areas carry an optional OCHA COD-AB P-code (`ML05`, `ML0504`, `ML050401`),
 * unique, set by admins and carried by the CSV exports of the statistics.
 */
export class AreaPcodes1796665488147 implements MigrationInterface {
  name = 'AreaPcodes1796665488147';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "area"
            ADD "pcode" text
        `);
    await queryRunner.query(`
            ALTER TABLE "area"
            ADD CONSTRAINT "uq_area_pcode" UNIQUE ("pcode")
        `);
    await queryRunner.query(`
            ALTER TABLE "area"
            ADD CONSTRAINT "ck_area_pcode" CHECK ("pcode" ~ '^ML[0-9]{2}([0-9]{2}([0-9]{2})?)?$')
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "area" DROP CONSTRAINT "ck_area_pcode"
        `);
    await queryRunner.query(`
            ALTER TABLE "area" DROP CONSTRAINT "uq_area_pcode"
        `);
    await queryRunner.query(`
            ALTER TABLE "area" DROP COLUMN "pcode"
        `);
  }
}
