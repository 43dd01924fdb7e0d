import { Column, DataSource } from 'typeorm';

/** An entity class (TypeORM's own type for it). */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type EntityClass = Function;

const declared: { target: EntityClass; property: string }[] = [];

/**
 * A column that holds FieldCipher ciphertext (`enc:v1:<kid>:…`, bound to
 * `table|column|id`), never plaintext. Declaring it here is what puts it in
 * key rotation and in the plaintext checks.
 */
export function EncryptedColumn(
  options: { nullable?: boolean; select?: boolean } = {},
): PropertyDecorator {
  return (object, property) => {
    Column('text', { nullable: options.nullable ?? false, select: options.select })(
      object,
      property,
    );
    declared.push({ target: object.constructor, property: String(property) });
  };
}

/** Every encrypted column of the entities `dataSource` knows, by table and column name. */
export function encryptedColumns(dataSource: DataSource): { table: string; column: string }[] {
  return declared
    .filter(({ target }) => dataSource.hasMetadata(target))
    .map(({ target, property }) => {
      const metadata = dataSource.getMetadata(target);
      const column = metadata.findColumnWithPropertyName(property);
      if (!column) throw new Error(`${metadata.name}.${property} is not a column`);
      return { table: metadata.tableName, column: column.databaseName };
    });
}
