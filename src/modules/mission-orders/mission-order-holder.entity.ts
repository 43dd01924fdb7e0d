import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../users/user.entity';
import { MissionOrder } from './mission-order.entity';

/** A mediator covered by a mission order. */
@Entity('mission_order_holder')
@Index('ix_mission_order_holder_user_id', ['userId', 'missionOrderId'])
export class MissionOrderHolder {
  @PrimaryColumn('uuid')
  missionOrderId: string;

  @PrimaryColumn('uuid')
  userId: string;

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
