import { Entity, Index, PrimaryColumn } from 'typeorm';
import { References } from '../../database/columns';

/** A mediator covered by a mission order. */
@Entity('mission_order_holder')
@Index('ix_mission_order_holder_user_id', ['userId', 'missionOrderId'])
export class MissionOrderHolder {
  @PrimaryColumn('uuid')
  missionOrderId: string;

  @PrimaryColumn('uuid')
  userId: string;

  @References('MissionOrder', 'mission_order_id', 'CASCADE')
  missionOrder?: unknown;

  @References('User', 'user_id', 'RESTRICT')
  user?: unknown;
}
