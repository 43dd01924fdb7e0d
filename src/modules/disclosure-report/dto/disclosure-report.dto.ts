import { ApiProperty } from '@nestjs/swagger';
import type { Protection } from '../../../common/inventory/data-inventory';

const PROTECTIONS = ['encrypted', 'keyed-hash', 'one-way-hash', 'clear'];

export class ReportColumn {
  @ApiProperty() column: string;
  @ApiProperty({ description: 'PostgreSQL type' }) type: string;
  @ApiProperty({
    enum: PROTECTIONS,
    description:
      'encrypted: readable with the field key ring; keyed-hash: a guess can be checked only with its key; one-way-hash: nothing to read back; clear: readable from the database alone',
  })
  protection: Protection;
  @ApiProperty({ nullable: true, type: String, description: 'Algorithm and key when not clear' })
  how: string | null;
}

export class ReportTable {
  @ApiProperty() table: string;
  @ApiProperty() rows: number;
  @ApiProperty({ description: 'How long rows are kept, and what deletes them' })
  retention: string;
  @ApiProperty({ type: [ReportColumn] }) columns: ReportColumn[];
}

export class ReportKey {
  @ApiProperty() file: string;
  @ApiProperty() purpose: string;
  @ApiProperty({ description: 'Whether the keys folder holds it' }) present: boolean;
}

export class DisclosureAnswers {
  @ApiProperty({ type: [String], description: 'Someone holds the database (or a dump) alone' })
  databaseAlone: string[];
  @ApiProperty({
    type: [String],
    description: 'Someone holds the database and the keys folder (or a backup and its private key)',
  })
  databaseAndKeys: string[];
  @ApiProperty({
    type: [String],
    description: "Someone holds a member's phone after the web app's panic",
  })
  seizedPhoneAfterPanic: string[];
}

export class DisclosureReport {
  @ApiProperty({ format: 'date-time' }) generatedAt: string;
  @ApiProperty({ type: [ReportTable] }) tables: ReportTable[];
  @ApiProperty({ type: [ReportKey] }) keys: ReportKey[];
  @ApiProperty({ type: [String], description: 'Retention set by configuration' })
  installation: string[];
  @ApiProperty({ type: DisclosureAnswers }) answers: DisclosureAnswers;
}
