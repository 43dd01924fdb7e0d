import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import { References } from '../../database/columns';

/**
 * A mediator covered by a mission order, and the identifier of their
 * credential: every token signed for this holder of this order carries it
 * (`jti`), and the public revocation list publishes it once the credential
 * ends. Random, so the list reveals nothing about order numbers or counts.
 */
@Entity('mission_order_holder')
@Index('ix_mission_order_holder_user_id', ['userId', 'missionOrderId'])
@Unique('uq_mission_order_holder_credential_id', ['credentialId'])
export class MissionOrderHolder {
  @PrimaryColumn('uuid')
  missionOrderId: string;

  @PrimaryColumn('uuid')
  userId: string;

  /** 128 random bits, base64url (22 characters). */
  @Column('text')
  credentialId: string;

  /** When this holder's credential ended although the order stands (their account was disabled). */
  @Column('timestamptz', { nullable: true })
  credentialRevokedAt: Date | null;

  @References('MissionOrder', 'mission_order_id', 'CASCADE')
  missionOrder?: unknown;

  @References('User', 'user_id', 'RESTRICT')
  user?: unknown;
}
