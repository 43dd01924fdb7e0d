import { DataSource } from 'typeorm';
import { encryptedColumns } from '../crypto/encrypted-columns';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for entity classes
type EntityClass = Function;

/**
 * How a column is kept at rest, for the disclosure report ("what we could
 * hand over"): `encrypted` (readable with the field key ring), `keyed-hash`
 * (HMAC: a guess can be checked only with the key), `one-way-hash` (a
 * password hash or the hash of a random token: nothing to read back), or
 * `clear` (what the database alone tells).
 */
export type Protection = 'encrypted' | 'keyed-hash' | 'one-way-hash' | 'clear';

const marked: {
  target: EntityClass;
  property: string;
  protection: Exclude<Protection, 'clear'>;
  how: string;
}[] = [];
const retentions = new Map<EntityClass, string>();

/**
 * Declares how a column other than an @EncryptedColumn is protected (a marker
 * only: the column keeps its own @Column). `how` names the algorithm and key.
 */
export function Protected(
  protection: Exclude<Protection, 'clear'>,
  how: string,
): PropertyDecorator {
  return (object, property) => {
    marked.push({ target: object.constructor, property: String(property), protection, how });
  };
}

/** How long a table's rows are kept and what deletes them; without it: no automatic deletion. */
export function Retention(text: string): ClassDecorator {
  return (target) => {
    retentions.set(target, text);
  };
}

export const FIELD_ENCRYPTION = 'AES-256-GCM, field key ring (field-keys.json)';
export const NO_AUTOMATIC_DELETION = 'Kept: no automatic deletion.';

export interface ColumnProtection {
  table: string;
  column: string;
  protection: Exclude<Protection, 'clear'>;
  how: string;
}

/** Every column that is not in clear, by table and column name: @EncryptedColumn and @Protected. */
export function protectedColumns(dataSource: DataSource): ColumnProtection[] {
  const encrypted = encryptedColumns(dataSource).map((c): ColumnProtection => ({
    ...c,
    protection: 'encrypted',
    how: FIELD_ENCRYPTION,
  }));
  const others = marked
    .filter(({ target }) => dataSource.hasMetadata(target))
    .map(({ target, property, protection, how }): ColumnProtection => {
      const metadata = dataSource.getMetadata(target);
      const column = metadata.findColumnWithPropertyName(property);
      if (!column) throw new Error(`${metadata.name}.${property} is not a column`);
      return { table: metadata.tableName, column: column.databaseName, protection, how };
    });
  return [...encrypted, ...others];
}

/** The retention declared on the entity of `table`, or "no automatic deletion". */
export function retentionOf(dataSource: DataSource, table: string): string {
  const metadata = dataSource.entityMetadatas.find((m) => m.tableName === table);
  const text = metadata ? retentions.get(metadata.target as EntityClass) : undefined;
  return text ?? NO_AUTOMATIC_DELETION;
}
