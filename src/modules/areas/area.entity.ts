import { Check, Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import { References, CreatedAt } from '../../database/columns';

export const AREA_LEVELS = ['region', 'cercle', 'commune'] as const;
export type AreaLevel = (typeof AREA_LEVELS)[number];

/** Administrative hierarchy region > cercle > commune. Names are public. */
@Entity('area')
@Unique('uq_area_parent_name', ['parentId', 'name'])
@Check('ck_area_level', `"level" IN ('region', 'cercle', 'commune')`)
export class Area {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  @Column('text')
  level: AreaLevel;

  @Index('ix_area_parent_id')
  @Column('uuid', { nullable: true })
  parentId: string | null;

  @References('Area', 'parent_id', 'RESTRICT')
  parent?: unknown;

  @CreatedAt()
  createdAt: Date;
}
