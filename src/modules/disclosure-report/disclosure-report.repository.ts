import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  ColumnProtection,
  protectedColumns,
  retentionOf,
} from '../../common/inventory/data-inventory';

export interface CatalogueColumn {
  table: string;
  column: string;
  type: string;
}

/** The database's own catalogue and the entity declarations laid over it. */
@Injectable()
export class DisclosureReportRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Every column of every table of the public schema, in table and column order. */
  catalogue(): Promise<CatalogueColumn[]> {
    return this.dataSource.query(
      `SELECT c.table_name AS "table", c.column_name AS "column", c.data_type AS "type"
         FROM information_schema.columns c
         JOIN information_schema.tables t
           ON t.table_schema = c.table_schema AND t.table_name = c.table_name
        WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
        ORDER BY c.table_name, c.ordinal_position`,
    );
  }

  async rowCount(table: string): Promise<number> {
    const rows: { n: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM "${table.replace(/"/g, '""')}"`,
    );
    return rows[0].n;
  }

  /** The columns declared encrypted or hashed (@EncryptedColumn, @Protected). */
  protectedColumns(): ColumnProtection[] {
    return protectedColumns(this.dataSource);
  }

  /** The retention declared on the table's entity (@Retention). */
  retention(table: string): string {
    return retentionOf(this.dataSource, table);
  }
}
