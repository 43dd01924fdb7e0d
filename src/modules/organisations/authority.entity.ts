import {
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

/** A government office (prefecture, governorate, ministry) with a jurisdiction. */
@Entity('authority')
@Unique('uq_authority_name', ['name'])
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

  @VersionColumn()
  version: number;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
