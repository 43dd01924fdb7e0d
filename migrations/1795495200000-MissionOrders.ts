import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Written by hand: mission orders (src/modules/mission-orders), their holders
 * and their areas. `decision_reason` holds ciphertext (enc:v1:…), never
 * plaintext. Order numbers (`OM-<year>-<000123>`) come from the sequence
 * `mission_order_number_seq`. The validity window is at most 90 days (check
 * constraint). Holders and areas go with their order.
 */
export class MissionOrders1795495200000 implements MigrationInterface {
  name = 'MissionOrders1795495200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SEQUENCE "mission_order_number_seq" START 1`);
    await queryRunner.query(`
            CREATE TABLE "mission_order" (
                "id" uuid NOT NULL,
                "order_number" text NOT NULL,
                "association_id" uuid NOT NULL,
                "authority_id" uuid NOT NULL,
                "case_id" uuid,
                "purpose" text NOT NULL,
                "valid_from" TIMESTAMP WITH TIME ZONE NOT NULL,
                "valid_until" TIMESTAMP WITH TIME ZONE NOT NULL,
                "status" text NOT NULL,
                "requested_by" uuid NOT NULL,
                "decided_by" uuid,
                "decided_at" TIMESTAMP WITH TIME ZONE,
                "decision_reason" text,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                "version" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "uq_mission_order_order_number" UNIQUE ("order_number"),
                CONSTRAINT "ck_mission_order_status" CHECK (
                    "status" IN ('requested', 'approved', 'rejected', 'revoked')
                ),
                CONSTRAINT "ck_mission_order_validity" CHECK (
                    "valid_until" > "valid_from" AND "valid_until" <= "valid_from" + interval '90 days'
                ),
                CONSTRAINT "pk_mission_order" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_mission_order_case_id" ON "mission_order" ("case_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_mission_order_requested_by" ON "mission_order" ("requested_by")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_mission_order_decided_by" ON "mission_order" ("decided_by")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_mission_order_authority_id_created_at" ON "mission_order" ("authority_id", "created_at", "id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_mission_order_association_id_created_at" ON "mission_order" ("association_id", "created_at", "id")
        `);
    await queryRunner.query(`
            CREATE TABLE "mission_order_holder" (
                "mission_order_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                CONSTRAINT "pk_mission_order_holder" PRIMARY KEY ("mission_order_id", "user_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_mission_order_holder_user_id" ON "mission_order_holder" ("user_id", "mission_order_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "mission_order_area" (
                "mission_order_id" uuid NOT NULL,
                "area_id" uuid NOT NULL,
                CONSTRAINT "pk_mission_order_area" PRIMARY KEY ("mission_order_id", "area_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_mission_order_area_area_id" ON "mission_order_area" ("area_id")
        `);
    const fks: [string, string, string, string, string][] = [
      [
        'mission_order',
        'association_id',
        'association',
        'RESTRICT',
        'fk_mission_order_association_id',
      ],
      ['mission_order', 'authority_id', 'authority', 'RESTRICT', 'fk_mission_order_authority_id'],
      ['mission_order', 'case_id', 'dialogue_case', 'RESTRICT', 'fk_mission_order_case_id'],
      ['mission_order', 'requested_by', 'app_user', 'RESTRICT', 'fk_mission_order_requested_by'],
      ['mission_order', 'decided_by', 'app_user', 'RESTRICT', 'fk_mission_order_decided_by'],
      [
        'mission_order_holder',
        'mission_order_id',
        'mission_order',
        'CASCADE',
        'fk_mission_order_holder_mission_order_id',
      ],
      [
        'mission_order_holder',
        'user_id',
        'app_user',
        'RESTRICT',
        'fk_mission_order_holder_user_id',
      ],
      [
        'mission_order_area',
        'mission_order_id',
        'mission_order',
        'CASCADE',
        'fk_mission_order_area_mission_order_id',
      ],
      ['mission_order_area', 'area_id', 'area', 'RESTRICT', 'fk_mission_order_area_area_id'],
    ];
    for (const [table, column, target, onDelete, name] of fks) {
      await queryRunner.query(`
            ALTER TABLE "${table}"
            ADD CONSTRAINT "${name}" FOREIGN KEY ("${column}") REFERENCES "${target}"("id") ON DELETE ${onDelete} ON UPDATE NO ACTION
        `);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "mission_order_area"`);
    await queryRunner.query(`DROP TABLE "mission_order_holder"`);
    await queryRunner.query(`DROP TABLE "mission_order"`);
    await queryRunner.query(`DROP SEQUENCE "mission_order_number_seq"`);
  }
}
