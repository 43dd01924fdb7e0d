import { Check, Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import { References, CreatedAt } from '../../database/columns';

export const AREA_LEVELS = ['region', 'cercle', 'commune'] as const;
export type AreaLevel = (typeof AREA_LEVELS)[number];

/**
 * An OCHA COD-AB P-code of Mali: `ML` and two digits per level (region
 * `ML01`, cercle `ML0101`, commune `ML010101`), a child's code extending its
 * parent's.
 */
export const PCODE_PATTERN = /^ML\d{2}(\d{2}(\d{2})?)?$/;
export const PCODE_LENGTH: Record<AreaLevel, number> = { region: 4, cercle: 6, commune: 8 };

/** Administrative hierarchy region > cercle > commune. Names and P-codes are public. */
@Entity('area')
@Unique('uq_area_parent_name', ['parentId', 'name'])
@Unique('uq_area_pcode', ['pcode'])
@Check('ck_area_level', `"level" IN ('region', 'cercle', 'commune')`)
@Check('ck_area_pcode', `"pcode" ~ '^ML[0-9]{2}([0-9]{2}([0-9]{2})?)?$'`)
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

  /** The OCHA P-code (COD-AB), where known; set by admins, carried by the CSV exports. */
  @Column('text', { nullable: true })
  pcode: string | null;

  @References('Area', 'parent_id', 'RESTRICT')
  parent?: unknown;

  @CreatedAt()
  createdAt: Date;
}
