import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { User } from '../users/user.entity';
import { MissionOrder } from './mission-order.entity';

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

  @ManyToOne(() => MissionOrder, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'mission_order_id',
    foreignKeyConstraintName: 'fk_mission_order_holder_mission_order_id',
  })
  missionOrder?: MissionOrder;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_mission_order_holder_user_id' })
  user?: User;
}
