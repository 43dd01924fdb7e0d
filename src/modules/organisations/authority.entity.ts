import {
  Check,
  Column,
  Entity,
  JoinTable,
  ManyToMany,
  PrimaryColumn,
  Unique,
  VersionColumn,
} from 'typeorm';
import { CreatedAt, UpdatedAt } from '../../database/columns';
import { Area } from '../areas';

export const STATS_SCOPES = ['jurisdiction', 'all'] as const;
export type StatsScopeSetting = (typeof STATS_SCOPES)[number];

/** A government office (prefecture, governorate, ministry) with a jurisdiction. */
@Entity('authority')
@Unique('uq_authority_name', ['name'])
@Check('ck_authority_stats_scope', `"stats_scope" IN ('jurisdiction', 'all')`)
export class Authority {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  @ManyToMany(() => Area)
  @JoinTable({
    name: 'authority_jurisdiction',
    joinColumn: {
      name: 'authority_id',
      foreignKeyConstraintName: 'fk_authority_jurisdiction_authority_id',
    },
    inverseJoinColumn: {
      name: 'area_id',
      foreignKeyConstraintName: 'fk_authority_jurisdiction_area_id',
    },
  })
  jurisdiction?: Area[];

  /**
   * Whose accord statistics its officials see: the cercles of the
   * jurisdiction, or every cercle when an admin grants "all".
   */
  @Column('text', { default: 'jurisdiction' })
  statsScope: StatsScopeSetting;

  @VersionColumn()
  version: number;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
