import { Entity, Index, PrimaryColumn } from 'typeorm';
import { References } from '../../database/columns';

/** An area (region, cercle or commune) a mission order covers. */
@Entity('mission_order_area')
@Index('ix_mission_order_area_area_id', ['areaId'])
export class MissionOrderArea {
  @PrimaryColumn('uuid')
  missionOrderId: string;

  @PrimaryColumn('uuid')
  areaId: string;

  @References('MissionOrder', 'mission_order_id', 'CASCADE')
  missionOrder?: unknown;

  @References('Area', 'area_id', 'RESTRICT')
  area?: unknown;
}
