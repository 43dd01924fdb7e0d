import { randomBytes } from 'node:crypto';
import { MigrationInterface, QueryRunner } from 'typeorm';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * What lets an SMS name an accord and its terms.
 *
 * - `accord.sms_code`: six random Crockford base32 characters, unique;
 *   existing accords get one here (drawn again on the rare repeat).
 * - `accord_term.number`: 1, 2, 3… per accord in the order the terms were
 *   recorded (created_at, then id, as the accord page listed them).
 * - `follow_up.note`: a note on the whole check, encrypted (an SMS's text
 *   after `#`).
 * - `follow_up.method` may be `sms`.
 */
export class AccordSmsCodes1796665314717 implements MigrationInterface {
  name = 'AccordSmsCodes1796665314717';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "follow_up"
            ADD "note" text
        `);
    await queryRunner.query(`ALTER TABLE "follow_up" DROP CONSTRAINT "ck_follow_up_method"`);
    await queryRunner.query(`
            ALTER TABLE "follow_up" ADD CONSTRAINT "ck_follow_up_method"
            CHECK ("method" IN ('visit', 'phone', 'informant', 'meeting', 'sms'))
        `);
    await queryRunner.query(`
            ALTER TABLE "accord"
            ADD "sms_code" text
        `);
    const accords = (await queryRunner.query('SELECT id FROM accord')) as { id: string }[];
    const codes = new Set<string>();
    while (codes.size < accords.length) {
      codes.add([...randomBytes(6)].map((byte) => CROCKFORD[byte & 31]).join(''));
    }
    await queryRunner.query(
      `UPDATE accord a SET sms_code = x.code
         FROM unnest($1::uuid[], $2::text[]) AS x(id, code) WHERE a.id = x.id`,
      [accords.map((a) => a.id), [...codes]],
    );
    await queryRunner.query(`
            ALTER TABLE "accord"
            ALTER COLUMN "sms_code" SET NOT NULL
        `);
    await queryRunner.query(`
            ALTER TABLE "accord"
            ADD CONSTRAINT "uq_accord_sms_code" UNIQUE ("sms_code")
        `);
    await queryRunner.query(`
            ALTER TABLE "accord_term"
            ADD "number" integer
        `);
    await queryRunner.query(`
            UPDATE accord_term t SET number = x.n
              FROM (SELECT id, row_number() OVER (PARTITION BY accord_id ORDER BY created_at, id) AS n
                      FROM accord_term) AS x
             WHERE t.id = x.id
        `);
    await queryRunner.query(`
            ALTER TABLE "accord_term"
            ALTER COLUMN "number" SET NOT NULL
        `);
    await queryRunner.query(`
            ALTER TABLE "accord_term"
            ADD CONSTRAINT "uq_accord_term_accord_id_number" UNIQUE ("accord_id", "number")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "accord_term" DROP CONSTRAINT "uq_accord_term_accord_id_number"
        `);
    await queryRunner.query(`
            ALTER TABLE "accord_term" DROP COLUMN "number"
        `);
    await queryRunner.query(`
            ALTER TABLE "accord" DROP CONSTRAINT "uq_accord_sms_code"
        `);
    await queryRunner.query(`
            ALTER TABLE "accord" DROP COLUMN "sms_code"
        `);
    await queryRunner.query(`DELETE FROM "follow_up" WHERE "method" = 'sms'`);
    await queryRunner.query(`ALTER TABLE "follow_up" DROP CONSTRAINT "ck_follow_up_method"`);
    await queryRunner.query(`
            ALTER TABLE "follow_up" ADD CONSTRAINT "ck_follow_up_method"
            CHECK ("method" IN ('visit', 'phone', 'informant', 'meeting'))
        `);
    await queryRunner.query(`
            ALTER TABLE "follow_up" DROP COLUMN "note"
        `);
  }
}
