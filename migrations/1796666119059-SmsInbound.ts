import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Inbound SMS, once each: keyed by gateway and message key (a resent message
 * is answered from here and does nothing else), with the sender's keyed
 * hash, the keyword, the outcome and the reply (encrypted); never the text.
 */
export class SmsInbound1796666119059 implements MigrationInterface {
  name = 'SmsInbound1796666119059';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "sms_inbound" (
                "id" uuid NOT NULL,
                "gateway" text NOT NULL,
                "message_key" text NOT NULL,
                "sender_hash" text NOT NULL,
                "user_id" uuid,
                "keyword" text NOT NULL,
                "outcome" text NOT NULL,
                "reply" text NOT NULL,
                "received_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "uq_sms_inbound_gateway_message_key" UNIQUE ("gateway", "message_key"),
                CONSTRAINT "ck_sms_inbound_gateway" CHECK (
                    "gateway" IN (
                        'generic',
                        'rapidpro',
                        'africastalking',
                        'twilio'
                    )
                ),
                CONSTRAINT "pk_sms_inbound" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "sms_inbound"
            ADD CONSTRAINT "fk_sms_inbound_user_id" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "sms_inbound" DROP CONSTRAINT "fk_sms_inbound_user_id"
        `);
    await queryRunner.query(`
            DROP TABLE "sms_inbound"
        `);
  }
}
