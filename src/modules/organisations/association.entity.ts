import { Column, Entity, Index, PrimaryColumn, Unique, VersionColumn } from 'typeorm';
import { References, CreatedAt, UpdatedAt } from '../../database/columns';

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

  @References('Authority', 'registered_with_authority_id', 'RESTRICT')
  registeredWithAuthority?: unknown;

  @VersionColumn()
  version: number;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
