import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CaseKeys } from '../../common/crypto/case-keys';
import { FieldCipher } from '../../common/crypto/field-cipher';
import { Tx } from '../../database/transactions';

/**
 * What the accords' repositories share: the connection, and the field
 * cipher through which encrypted columns are written (`seal`) and read
 * (`open`; the services decide who may read them and audit the read).
 */
@Injectable()
export abstract class AccordsTables {
  constructor(
    protected readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
    private readonly keys: CaseKeys,
  ) {}

  protected manager(tx?: Tx): EntityManager {
    return tx ?? this.dataSource.manager;
  }

  /** Encrypts values of one case under its data key (made on the case's first sensitive write). */
  protected async sealerFor(
    caseId: string,
    tx: Tx,
  ): Promise<(table: string, column: string, rowId: string, value: string) => string> {
    await this.keys.forWrite(caseId, tx);
    return (table, column, rowId, value) =>
      this.cipher.encrypt(value, { table, column, rowId, caseId });
  }

  /** The case of an accord (the accord exists: its caller found it). */
  protected async caseOfAccord(accordId: string, tx?: Tx): Promise<string> {
    const rows: { caseId: string }[] = await this.manager(tx).query(
      'SELECT case_id AS "caseId" FROM accord WHERE id = $1',
      [accordId],
    );
    return rows[0].caseId;
  }

  /** Rows read from the database, with the data keys of the cases they hold values of loaded. */
  protected ready<T>(rows: T, tx?: Tx): Promise<T> {
    return this.keys.ready(rows, tx);
  }

  open(table: string, column: string, rowId: string, stored: string | null): string | null {
    return this.cipher.decryptNullable(stored, { table, column, rowId });
  }
}
