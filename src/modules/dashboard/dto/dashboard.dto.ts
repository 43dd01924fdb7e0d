import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { HEALTH_LEVELS, HealthLevel } from '../../accords/vocabulary';
import { PublishedCount, SMALL, WITHHELD } from '../disclosure-control';

export class AccordHealthResponse {
  @ApiProperty({ enum: HEALTH_LEVELS }) level: HealthLevel;
  @ApiProperty({
    type: [String],
    description: 'Every rule that fired, worst level first (accord-health.ts reason codes)',
  })
  reasons: string[];
}

export class DashboardAccordResponse {
  @ApiProperty({ format: 'uuid' }) accordId: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty() caseCodeName: string;
  @ApiProperty({ description: "The case's commune" }) areaName: string;
  @ApiProperty({ type: AccordHealthResponse }) health: AccordHealthResponse;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) lastCheckedAt: string | null;
  @ApiProperty({ format: 'date-time' }) nextCheckDue: string;
  @ApiProperty({ description: 'Whole UTC days past nextCheckDue; 0 when not overdue' })
  daysOverdue: number;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'PAM roll-up of the latest check, 0–100',
  })
  implementationScore: number | null;
}

export class DashboardAccordPage {
  @ApiProperty({ type: [DashboardAccordResponse] }) items: DashboardAccordResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class StatsQueryDto {
  @ApiPropertyOptional({ enum: ['region', 'cercle'], default: 'cercle' })
  @IsOptional()
  @IsIn(['region', 'cercle'])
  groupBy?: 'region' | 'cercle';

  @ApiPropertyOptional({
    enum: ['json', 'csv'],
    description:
      'csv: the same figures as CSV (text/csv) with the HXL hashtag row as line 2; also chosen by `Accept: text/csv` when no format is given.',
  })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}

const COUNT = {
  oneOf: [
    { type: 'integer', minimum: 3 },
    { type: 'string', enum: [SMALL, WITHHELD] },
  ],
  description:
    'Counts below 3 (0 included) are returned as "<3". A region figure is the sum of its ' +
    'cercles\' figures when each is a number, the figure of its only cercle in the scope, or "x" ' +
    '(withheld: it would let a "<3" be computed).',
};

export class AreaHealthCountsResponse {
  @ApiProperty(COUNT) broken: PublishedCount;
  @ApiProperty(COUNT) at_risk: PublishedCount;
  @ApiProperty(COUNT) watch: PublishedCount;
  @ApiProperty(COUNT) stable: PublishedCount;
}

export class AreaHealthStatsResponse {
  @ApiProperty({ format: 'uuid' }) areaId: string;
  @ApiProperty() areaName: string;
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'ML0504',
    description: 'OCHA P-code, where known',
  })
  pcode: string | null;
  @ApiProperty({ type: AreaHealthCountsResponse }) counts: AreaHealthCountsResponse;
}

export class AccordStatsResponse {
  @ApiProperty({ enum: ['region', 'cercle'] }) groupBy: 'region' | 'cercle';
  @ApiProperty({
    type: [AreaHealthStatsResponse],
    description:
      "Every cercle (or region) of the caller's scope, whether or not it holds an accord: " +
      'for a coordinator, the cercles where the association has cases (its accords only); for an admin, every cercle; ' +
      'for an official, the whole cercles of the jurisdiction, or every cercle when the authority has statsScope "all".',
  })
  items: AreaHealthStatsResponse[];
}
