import { Check, Column, Entity, Index, PrimaryColumn, Unique, VersionColumn } from 'typeorm';
import { EncryptedColumn } from '../../common/crypto/encrypted-columns';
import { References, CreatedAt, UpdatedAt } from '../../database/columns';
import { Role, ROLES } from '../../common/auth/role';
import { Protected } from '../../common/inventory/data-inventory';

@Entity('app_user')
@Unique('uq_app_user_username', ['username'])
@Check('ck_app_user_role', `"role" IN (${ROLES.map((r) => `'${r}'`).join(', ')})`)
@Check(
  'ck_app_user_membership',
  `("role" IN ('mediator', 'coordinator') AND "association_id" IS NOT NULL AND "authority_id" IS NULL)
  OR ("role" = 'official' AND "authority_id" IS NOT NULL AND "association_id" IS NULL)
  OR ("role" = 'admin' AND "association_id" IS NULL AND "authority_id" IS NULL)`,
)
@Check('ck_app_user_pending_member', `NOT "pending" OR "association_id" IS NOT NULL`)
export class User {
  @PrimaryColumn('uuid')
  id: string;

  /** Stored lower-case; sign-in is case-insensitive. */
  @Column('text')
  username: string;

  @Column('text')
  displayName: string;

  @Column('text')
  role: Role;

  @Index('ix_app_user_association_id')
  @Column('uuid', { nullable: true })
  associationId: string | null;

  @References('Association', 'association_id', 'RESTRICT')
  association?: unknown;

  @Index('ix_app_user_authority_id')
  @Column('uuid', { nullable: true })
  authorityId: string | null;

  @References('Authority', 'authority_id', 'RESTRICT')
  authority?: unknown;

  /** Encrypted (`enc:v1:…`, see FieldCipher); printed on mission orders only. */
  @EncryptedColumn({ nullable: true })
  legalName: string | null;

  /** Encrypted (`enc:v1:…`, see FieldCipher); printed on mission orders only. */
  @EncryptedColumn({ nullable: true })
  idDocumentNumber: string | null;

  @Protected('one-way-hash', 'Argon2id (19 MiB, 2 passes), salted per password')
  @Column('text', { select: false })
  passwordHash: string;

  @Column('boolean', { default: false })
  mustChangePassword: boolean;

  @Column('boolean', { default: false })
  disabled: boolean;

  /**
   * Created by an admin in an association and not yet confirmed by one of its
   * coordinators: may sign in and manage the account, reads no case content.
   */
  @Column('boolean', { default: false })
  pending: boolean;

  /** TOTP secret, encrypted (`enc:v1:…`, FieldCipher); pending until totpEnabled. */
  @EncryptedColumn({ nullable: true, select: false })
  totpSecret: string | null;

  @Column('boolean', { default: false })
  totpEnabled: boolean;

  /** Last accepted TOTP time step: a code of this step or an earlier one is refused. */
  @Column('bigint', { nullable: true, select: false })
  totpLastStep: string | null;

  @VersionColumn()
  version: number;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
