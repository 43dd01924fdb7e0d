import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { FieldCipher } from '../../common/crypto/field-cipher';
import { Tx } from '../../database/transactions';
import { User } from './user.entity';

export type NewUser = Pick<
  User,
  | 'id'
  | 'username'
  | 'displayName'
  | 'role'
  | 'associationId'
  | 'authorityId'
  | 'legalName'
  | 'idDocumentNumber'
  | 'passwordHash'
  | 'mustChangePassword'
>;

export type UserWithHash = User & { passwordHash: string };

export interface UserListFilter {
  associationId?: string;
  after: [string, string] | null;
  limit: number;
}

@Injectable()
export class UsersRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
  ) {}

  /** The legal identity goes to the database encrypted, bound to this user's row. */
  private sealed(user: NewUser): NewUser {
    const where = (column: string) => ({ table: 'app_user', column, rowId: user.id });
    return {
      ...user,
      legalName: this.cipher.encryptNullable(user.legalName, where('legal_name')),
      idDocumentNumber: this.cipher.encryptNullable(
        user.idDocumentNumber,
        where('id_document_number'),
      ),
    };
  }

  /** Decrypted legal identity (printed on mission orders); null when not on file. */
  async readLegalIdentity(
    id: string,
  ): Promise<{ legalName: string; idDocumentNumber: string } | null> {
    const user = await this.findById(id);
    if (!user?.legalName || !user.idDocumentNumber) return null;
    const where = (column: string) => ({ table: 'app_user', column, rowId: id });
    return {
      legalName: this.cipher.decrypt(user.legalName, where('legal_name')),
      idDocumentNumber: this.cipher.decrypt(user.idDocumentNumber, where('id_document_number')),
    };
  }

  private manager(tx?: Tx): EntityManager {
    return tx ?? this.dataSource.manager;
  }

  findById(id: string, tx?: Tx): Promise<User | null> {
    return this.manager(tx).findOneBy(User, { id });
  }

  findByIdWithHash(id: string, tx?: Tx): Promise<UserWithHash | null> {
    return this.manager(tx)
      .createQueryBuilder(User, 'u')
      .addSelect('u.passwordHash')
      .where('u.id = :id', { id })
      .getOne();
  }

  findForLogin(username: string): Promise<UserWithHash | null> {
    return this.dataSource.manager
      .createQueryBuilder(User, 'u')
      .addSelect('u.passwordHash')
      .where('u.username = :username', { username })
      .getOne();
  }

  async insert(user: NewUser & Partial<Pick<User, 'pending'>>, tx?: Tx): Promise<User> {
    await this.manager(tx).insert(User, { ...this.sealed(user), pending: user.pending ?? false });
    return (await this.findById(user.id, tx)) as User;
  }

  /**
   * Locks the association's row for the rest of the transaction (two admins
   * creating its first coordinator at once: one waits for the other; writes
   * that only reference the association are not held up); false when there
   * is no such association.
   */
  async lockAssociation(tx: Tx, associationId: string): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      'SELECT 1 FROM association WHERE id = $1 FOR NO KEY UPDATE',
      [associationId],
    );
    return rows.length > 0;
  }

  /** Whether the association has ever had a coordinator (enabled or not, confirmed or not). */
  async hasCoordinator(tx: Tx, associationId: string): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      "SELECT 1 FROM app_user WHERE association_id = $1 AND role = 'coordinator' LIMIT 1",
      [associationId],
    );
    return rows.length > 0;
  }

  /** Ends the pending state; false when the user was not pending (already confirmed). */
  async confirm(tx: Tx, id: string): Promise<boolean> {
    const result = await tx
      .createQueryBuilder()
      .update(User)
      .set({ pending: false, version: () => 'version + 1', updatedAt: () => 'now()' })
      .where('id = :id AND pending', { id })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  async anyExists(): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query('SELECT 1 FROM app_user LIMIT 1');
    return rows.length > 0;
  }

  /** Inserts unless the username is taken; true when this call created it. */
  async insertIfUsernameFree(tx: Tx, user: NewUser): Promise<boolean> {
    const result = await tx
      .createQueryBuilder()
      .insert()
      .into(User)
      .values(this.sealed(user))
      .orIgnore()
      .execute();
    return (result.raw as unknown[]).length > 0;
  }

  /** Keyset page ordered by (username, id). */
  list(filter: UserListFilter): Promise<User[]> {
    const qb = this.dataSource.manager.createQueryBuilder(User, 'u');
    if (filter.associationId) qb.andWhere('u.associationId = :aid', { aid: filter.associationId });
    if (filter.after) {
      qb.andWhere('(u.username, u.id) > (:un, :uid)', {
        un: filter.after[0],
        uid: filter.after[1],
      });
    }
    return qb
      .orderBy('u.username', 'ASC')
      .addOrderBy('u.id', 'ASC')
      .take(filter.limit + 1)
      .getMany();
  }

  /**
   * Applies the change only if the row still has `version`: a conditional
   * UPDATE, so two writers with the same version cannot both win.
   */
  async updateIfVersion(
    tx: Tx,
    id: string,
    version: number,
    changes: Partial<Pick<User, 'displayName' | 'disabled'>>,
  ): Promise<boolean> {
    const result = await tx
      .createQueryBuilder()
      .update(User)
      .set({ ...changes, version: () => 'version + 1', updatedAt: () => 'now()' })
      .where('id = :id AND version = :version', { id, version })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  /** The user's new password; `mustChange` when an admin set it for them. */
  async setPassword(tx: Tx, id: string, passwordHash: string, mustChange = false): Promise<void> {
    await tx
      .createQueryBuilder()
      .update(User)
      .set({
        passwordHash,
        mustChangePassword: mustChange,
        version: () => 'version + 1',
        updatedAt: () => 'now()',
      })
      .where('id = :id', { id })
      .execute();
  }
}
