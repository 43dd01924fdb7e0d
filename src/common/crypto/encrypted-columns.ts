import { Column, DataSource } from 'typeorm';

/** An entity class (TypeORM's own type for it). */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type EntityClass = Function;

/**
 * How a row finds the dialogue case it belongs to: the first step is a
 * column of the row's own table; each next step, `table.column`, is read from
 * the row of `table` whose id is the previous step's value. `['id']` on
 * dialogue_case, `['case_id']` on a case's meetings, `['accord_id',
 * 'accord.case_id']` on an accord's terms.
 */
export type CasePath = readonly [string, ...string[]];

const declared: { target: EntityClass; property: string; casePath?: CasePath }[] = [];

/**
 * A column that holds FieldCipher ciphertext, never plaintext, bound to
 * `table|column|id`. Declaring it here is what puts it in key rotation and in
 * the plaintext checks. With `casePath`, the value belongs to a dialogue case
 * and is encrypted under that case's data key (`enc:c1:…`, see CaseKeys):
 * destroying the key erases it; without, under the key ring (`enc:v1:…`).
 */
export function EncryptedColumn(
  options: { nullable?: boolean; select?: boolean; casePath?: CasePath } = {},
): PropertyDecorator {
  return (object, property) => {
    Column('text', { nullable: options.nullable ?? false, select: options.select })(
      object,
      property,
    );
    declared.push({
      target: object.constructor,
      property: String(property),
      casePath: options.casePath,
    });
  };
}

export interface EncryptedColumnInfo {
  table: string;
  column: string;
  /** SQL giving the case id of a row of `table` (null: the column belongs to no case). */
  caseIdSql: string | null;
}

/** The SQL expression of a case path, over the unaliased table. */
function caseIdSql(table: string, path: CasePath): string {
  let sql = `${table}.${path[0]}`;
  for (const step of path.slice(1)) {
    const [stepTable, stepColumn] = step.split('.');
    sql = `(SELECT ${step} FROM ${stepTable} WHERE ${stepTable}.id = ${sql})`;
    if (!stepColumn) throw new Error(`case path step ${step} of ${table} is not table.column`);
  }
  return sql;
}

/** Every encrypted column of the entities `dataSource` knows, by table and column name. */
export function encryptedColumns(dataSource: DataSource): EncryptedColumnInfo[] {
  return declared
    .filter(({ target }) => dataSource.hasMetadata(target))
    .map(({ target, property, casePath }) => {
      const metadata = dataSource.getMetadata(target);
      const column = metadata.findColumnWithPropertyName(property);
      if (!column) throw new Error(`${metadata.name}.${property} is not a column`);
      return {
        table: metadata.tableName,
        column: column.databaseName,
        caseIdSql: casePath ? caseIdSql(metadata.tableName, casePath) : null,
      };
    });
}
