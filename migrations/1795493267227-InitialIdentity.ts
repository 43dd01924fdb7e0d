import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialIdentity1795493267227 implements MigrationInterface {
  name = 'InitialIdentity1795493267227';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "area" (
                "id" uuid NOT NULL,
                "name" text NOT NULL,
                "level" text NOT NULL,
                "parent_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "uq_area_parent_name" UNIQUE ("parent_id", "name"),
                CONSTRAINT "ck_area_level" CHECK ("level" IN ('region', 'cercle', 'commune')),
                CONSTRAINT "pk_area" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_area_parent_id" ON "area" ("parent_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "login_throttle" (
                "key" text NOT NULL,
                "failures" integer NOT NULL,
                "last_failure_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "blocked_until" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "pk_login_throttle" PRIMARY KEY ("key")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "authority" (
                "id" uuid NOT NULL,
                "name" text NOT NULL,
                "version" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "uq_authority_name" UNIQUE ("name"),
                CONSTRAINT "pk_authority" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "association" (
                "id" uuid NOT NULL,
                "name" text NOT NULL,
                "registration_number" text,
                "registered_with_authority_id" uuid,
                "version" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "uq_association_name" UNIQUE ("name"),
                CONSTRAINT "pk_association" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_association_registered_with_authority_id" ON "association" ("registered_with_authority_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "app_user" (
                "id" uuid NOT NULL,
                "username" text NOT NULL,
                "display_name" text NOT NULL,
                "role" text NOT NULL,
                "association_id" uuid,
                "authority_id" uuid,
                "legal_name" text,
                "id_document_number" text,
                "password_hash" text NOT NULL,
                "must_change_password" boolean NOT NULL DEFAULT false,
                "disabled" boolean NOT NULL DEFAULT false,
                "version" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "uq_app_user_username" UNIQUE ("username"),
                CONSTRAINT "ck_app_user_membership" CHECK (
                    (
                        "role" IN ('mediator', 'coordinator')
                        AND "association_id" IS NOT NULL
                        AND "authority_id" IS NULL
                    )
                    OR (
                        "role" = 'official'
                        AND "authority_id" IS NOT NULL
                        AND "association_id" IS NULL
                    )
                    OR (
                        "role" = 'admin'
                        AND "association_id" IS NULL
                        AND "authority_id" IS NULL
                    )
                ),
                CONSTRAINT "ck_app_user_role" CHECK (
                    "role" IN ('admin', 'coordinator', 'mediator', 'official')
                ),
                CONSTRAINT "pk_app_user" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_app_user_association_id" ON "app_user" ("association_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_app_user_authority_id" ON "app_user" ("authority_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "session" (
                "id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "last_used_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "user_agent" text,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                "revoked_reason" text,
                CONSTRAINT "pk_session" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_session_user_id" ON "session" ("user_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "refresh_token" (
                "id" uuid NOT NULL,
                "session_id" uuid NOT NULL,
                "token_hash" bytea NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "spent_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "uq_refresh_token_token_hash" UNIQUE ("token_hash"),
                CONSTRAINT "pk_refresh_token" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_refresh_token_session_id" ON "refresh_token" ("session_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "authority_jurisdiction" (
                "authority_id" uuid NOT NULL,
                "area_id" uuid NOT NULL,
                CONSTRAINT "pk_authority_jurisdiction" PRIMARY KEY ("authority_id", "area_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_authority_jurisdiction_authority_id" ON "authority_jurisdiction" ("authority_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_authority_jurisdiction_area_id" ON "authority_jurisdiction" ("area_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "area"
            ADD CONSTRAINT "fk_area_parent_id" FOREIGN KEY ("parent_id") REFERENCES "area"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "association"
            ADD CONSTRAINT "fk_association_registered_with_authority_id" FOREIGN KEY ("registered_with_authority_id") REFERENCES "authority"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "app_user"
            ADD CONSTRAINT "fk_app_user_association_id" FOREIGN KEY ("association_id") REFERENCES "association"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "app_user"
            ADD CONSTRAINT "fk_app_user_authority_id" FOREIGN KEY ("authority_id") REFERENCES "authority"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "session"
            ADD CONSTRAINT "fk_session_user_id" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "refresh_token"
            ADD CONSTRAINT "fk_refresh_token_session_id" FOREIGN KEY ("session_id") REFERENCES "session"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "authority_jurisdiction"
            ADD CONSTRAINT "fk_authority_jurisdiction_authority_id" FOREIGN KEY ("authority_id") REFERENCES "authority"("id") ON DELETE CASCADE ON UPDATE CASCADE
        `);
    await queryRunner.query(`
            ALTER TABLE "authority_jurisdiction"
            ADD CONSTRAINT "fk_authority_jurisdiction_area_id" FOREIGN KEY ("area_id") REFERENCES "area"("id") ON DELETE CASCADE ON UPDATE CASCADE
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "authority_jurisdiction" DROP CONSTRAINT "fk_authority_jurisdiction_area_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "authority_jurisdiction" DROP CONSTRAINT "fk_authority_jurisdiction_authority_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "refresh_token" DROP CONSTRAINT "fk_refresh_token_session_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "session" DROP CONSTRAINT "fk_session_user_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "app_user" DROP CONSTRAINT "fk_app_user_authority_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "app_user" DROP CONSTRAINT "fk_app_user_association_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "association" DROP CONSTRAINT "fk_association_registered_with_authority_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "area" DROP CONSTRAINT "fk_area_parent_id"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_authority_jurisdiction_area_id"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_authority_jurisdiction_authority_id"
        `);
    await queryRunner.query(`
            DROP TABLE "authority_jurisdiction"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_refresh_token_session_id"
        `);
    await queryRunner.query(`
            DROP TABLE "refresh_token"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_session_user_id"
        `);
    await queryRunner.query(`
            DROP TABLE "session"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_app_user_authority_id"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_app_user_association_id"
        `);
    await queryRunner.query(`
            DROP TABLE "app_user"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_association_registered_with_authority_id"
        `);
    await queryRunner.query(`
            DROP TABLE "association"
        `);
    await queryRunner.query(`
            DROP TABLE "authority"
        `);
    await queryRunner.query(`
            DROP TABLE "login_throttle"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_area_parent_id"
        `);
    await queryRunner.query(`
            DROP TABLE "area"
        `);
  }
}
