import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-case data keys and erasure.
 *
 * - `case_data_key`: one data key per dialogue case, wrapped by the field key
 *   ring; the sensitive fields of the case are encrypted under it
 *   (`enc:c1:<case id>:…`). Values written before stay under the key ring
 *   (`enc:v1:…`) and readable; they move to their case's key when written
 *   again, at the next `npm run keys:rotate`, or when the case is erased.
 *   A destroyed key keeps its row, key-less, with `destroyed_at`.
 * - `dialogue_case.erased_at`: when the case was erased.
 */
export class CaseDataKeys1796665272993 implements MigrationInterface {
  name = 'CaseDataKeys1796665272993';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "case_data_key" (
                "case_id" uuid NOT NULL,
                "wrapped_key" text,
                "key_id" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "destroyed_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "pk_case_data_key" PRIMARY KEY ("case_id")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "dialogue_case"
            ADD "erased_at" TIMESTAMP WITH TIME ZONE
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "dialogue_case" DROP COLUMN "erased_at"
        `);
    await queryRunner.query(`
            DROP TABLE "case_data_key"
        `);
  }
}
