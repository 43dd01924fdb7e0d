import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  Unique,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { Authority } from './authority.entity';

/** A mediator association or NGO; mediators and coordinators belong to one. */
@Entity('association')
@Unique('uq_association_name', ['name'])
export class Association {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  @Column('text', { nullable: true })
  registrationNumber: string | null;

  @Index('ix_association_registered_with_authority_id')
  @Column('uuid', { nullable: true })
  registeredWithAuthorityId: string | null;

  @ManyToOne(() => Authority, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'registered_with_authority_id',
    foreignKeyConstraintName: 'fk_association_registered_with_authority_id',
  })
  registeredWithAuthority?: Authority;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
