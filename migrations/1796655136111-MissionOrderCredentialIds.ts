import { randomBytes } from 'node:crypto';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mission-order credentials get random identifiers, and order numbers are
 * counted per association.
 *
 * - `mission_order_holder.credential_id`: 128 random bits (base64url) per
 *   holder of an order, carried by every credential signed for them (`jti`)
 *   and published by the revocation list instead of sha256(order number),
 *   which anyone could reverse by hashing every number. Existing holders get
 *   one here.
 * - `mission_order_holder.credential_revoked_at`: a holder's credential ends
 *   when their account is disabled; set here for holders disabled already.
 * - `mission_order_number_counter`: one row per association and year; the
 *   next number is `last_number + 1`, taken in the order's creating
 *   transaction. Each association's counter starts after its own highest
 *   number of the year, so its numbers never repeat. The global sequence
 *   `mission_order_number_seq` goes.
 * - Numbers are unique per association; the orders numbered by the global
 *   sequence are marked `numbered_globally` (their printed credentials carry
 *   no jti and are still found by number) and stay unique among themselves.
 */
export class MissionOrderCredentialIds1796655136111 implements MigrationInterface {
  name = 'MissionOrderCredentialIds1796655136111';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "mission_order_number_counter" (
                "association_id" uuid NOT NULL,
                "year" integer NOT NULL,
                "last_number" integer NOT NULL,
                CONSTRAINT "pk_mission_order_number_counter" PRIMARY KEY ("association_id", "year")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "mission_order_number_counter"
            ADD CONSTRAINT "fk_mission_order_number_counter_association_id" FOREIGN KEY ("association_id") REFERENCES "association"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            INSERT INTO "mission_order_number_counter" ("association_id", "year", "last_number")
            SELECT "association_id", substring("order_number" FROM 4 FOR 4)::integer,
                   max(substring("order_number" FROM 9)::integer)
              FROM "mission_order"
             WHERE "order_number" ~ '^OM-[0-9]{4}-[0-9]+$'
             GROUP BY 1, 2
        `);

    await queryRunner.query(`
            ALTER TABLE "mission_order"
            ADD "numbered_globally" boolean NOT NULL DEFAULT false
        `);
    await queryRunner.query(`UPDATE "mission_order" SET "numbered_globally" = true`);
    await queryRunner.query(`
            ALTER TABLE "mission_order" DROP CONSTRAINT "uq_mission_order_order_number"
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_mission_order_order_number_numbered_globally" ON "mission_order" ("order_number")
            WHERE "numbered_globally"
        `);
    await queryRunner.query(`
            ALTER TABLE "mission_order"
            ADD CONSTRAINT "uq_mission_order_association_id_order_number" UNIQUE ("association_id", "order_number")
        `);
    await queryRunner.query(`DROP SEQUENCE "mission_order_number_seq"`);

    await queryRunner.query(`
            ALTER TABLE "mission_order_holder"
            ADD "credential_id" text
        `);
    const holders = (await queryRunner.query(
      `SELECT "mission_order_id", "user_id" FROM "mission_order_holder"`,
    )) as { mission_order_id: string; user_id: string }[];
    if (holders.length > 0) {
      await queryRunner.query(
        `UPDATE "mission_order_holder" h SET "credential_id" = v.credential_id
           FROM unnest($1::uuid[], $2::uuid[], $3::text[]) AS v(mission_order_id, user_id, credential_id)
          WHERE h."mission_order_id" = v.mission_order_id AND h."user_id" = v.user_id`,
        [
          holders.map((h) => h.mission_order_id),
          holders.map((h) => h.user_id),
          holders.map(() => randomBytes(16).toString('base64url')),
        ],
      );
    }
    await queryRunner.query(`
            ALTER TABLE "mission_order_holder" ALTER COLUMN "credential_id" SET NOT NULL
        `);
    await queryRunner.query(`
            ALTER TABLE "mission_order_holder"
            ADD CONSTRAINT "uq_mission_order_holder_credential_id" UNIQUE ("credential_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "mission_order_holder"
            ADD "credential_revoked_at" TIMESTAMP WITH TIME ZONE
        `);
    await queryRunner.query(`
            UPDATE "mission_order_holder" h SET "credential_revoked_at" = now()
              FROM "app_user" u
             WHERE u."id" = h."user_id" AND u."disabled"
        `);
  }

  /**
   * Fails when two associations got the same number since `up`: the global
   * uniqueness cannot come back without renumbering printed orders.
   */
  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "mission_order_holder" DROP COLUMN "credential_revoked_at"
        `);
    await queryRunner.query(`
            ALTER TABLE "mission_order_holder" DROP CONSTRAINT "uq_mission_order_holder_credential_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "mission_order_holder" DROP COLUMN "credential_id"
        `);
    await queryRunner.query(`CREATE SEQUENCE "mission_order_number_seq" START 1`);
    await queryRunner.query(`
            SELECT setval('mission_order_number_seq', max("last_number"))
              FROM "mission_order_number_counter" HAVING max("last_number") IS NOT NULL
        `);
    await queryRunner.query(`
            ALTER TABLE "mission_order" DROP CONSTRAINT "uq_mission_order_association_id_order_number"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_mission_order_order_number_numbered_globally"
        `);
    await queryRunner.query(`
            ALTER TABLE "mission_order"
            ADD CONSTRAINT "uq_mission_order_order_number" UNIQUE ("order_number")
        `);
    await queryRunner.query(`
            ALTER TABLE "mission_order" DROP COLUMN "numbered_globally"
        `);
    await queryRunner.query(`
            DROP TABLE "mission_order_number_counter"
        `);
  }
}
