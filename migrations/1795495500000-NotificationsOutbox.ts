import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Written by hand: the notifications outbox (src/modules/notifications), one
 * row per notification and channel, written in the notification's
 * transaction so that another channel (SMS, e-mail) can be added by a
 * dispatcher that reads its pending rows; and `follow_up_reminder`, whose
 * primary key (accord_id, due_date, kind) makes the reminder job notify each
 * accord and due date once even with several API instances (INSERT … ON
 * CONFLICT DO NOTHING). No foreign key from `follow_up_reminder` to `accord`:
 * it is a log of what was sent. Comes after the accords migration.
 */
export class NotificationsOutbox1795495500000 implements MigrationInterface {
  name = 'NotificationsOutbox1795495500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "notification_outbox" (
                "id" uuid NOT NULL,
                "notification_id" uuid NOT NULL,
                "channel" text NOT NULL,
                "kind" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "dispatched_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "pk_notification_outbox" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_notification_outbox_channel_dispatched_at_created_at" ON "notification_outbox" ("channel", "dispatched_at", "created_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_notification_outbox_notification_id" ON "notification_outbox" ("notification_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "notification_outbox"
            ADD CONSTRAINT "fk_notification_outbox_notification_id" FOREIGN KEY ("notification_id") REFERENCES "notification"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            CREATE TABLE "follow_up_reminder" (
                "accord_id" uuid NOT NULL,
                "due_date" date NOT NULL,
                "kind" text NOT NULL,
                "recipients" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_follow_up_reminder" PRIMARY KEY ("accord_id", "due_date", "kind")
            )
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "follow_up_reminder"`);
    await queryRunner.query(`
            ALTER TABLE "notification_outbox" DROP CONSTRAINT "fk_notification_outbox_notification_id"
        `);
    await queryRunner.query(`DROP INDEX "public"."ix_notification_outbox_notification_id"`);
    await queryRunner.query(
      `DROP INDEX "public"."ix_notification_outbox_channel_dispatched_at_created_at"`,
    );
    await queryRunner.query(`DROP TABLE "notification_outbox"`);
  }
}
