import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Members an admin creates in an association wait for a coordinator of that
 * association to confirm them (app_user.pending). The accounts that exist
 * today stay as they are: confirmed.
 */
export class PendingMembers1796654150484 implements MigrationInterface {
  name = 'PendingMembers1796654150484';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "app_user"
            ADD "pending" boolean NOT NULL DEFAULT false
        `);
    await queryRunner.query(`
            ALTER TABLE "app_user"
            ADD CONSTRAINT "ck_app_user_pending_member" CHECK (
                    NOT "pending"
                    OR "association_id" IS NOT NULL
                )
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "app_user" DROP CONSTRAINT "ck_app_user_pending_member"
        `);
    await queryRunner.query(`
            ALTER TABLE "app_user" DROP COLUMN "pending"
        `);
  }
}
