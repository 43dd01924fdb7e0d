import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
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
  ) {}

  protected manager(tx?: Tx): EntityManager {
    return tx ?? this.dataSource.manager;
  }

  protected seal(table: string, column: string, rowId: string, value: string): string {
    return this.cipher.encrypt(value, { table, column, rowId });
  }

  open(table: string, column: string, rowId: string, stored: string | null): string | null {
    return this.cipher.decryptNullable(stored, { table, column, rowId });
  }
}
