import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Area } from '../areas/area.entity';
import { MissionOrder } from './mission-order.entity';

/** An area (region, cercle or commune) a mission order covers. */
@Entity('mission_order_area')
@Index('ix_mission_order_area_area_id', ['areaId'])
export class MissionOrderArea {
  @PrimaryColumn('uuid')
  missionOrderId: string;

  @PrimaryColumn('uuid')
  areaId: string;

  @ManyToOne(() => MissionOrder, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'mission_order_id',
    foreignKeyConstraintName: 'fk_mission_order_area_mission_order_id',
  })
  missionOrder?: MissionOrder;

  @ManyToOne(() => Area, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'area_id', foreignKeyConstraintName: 'fk_mission_order_area_area_id' })
  area?: Area;
}
