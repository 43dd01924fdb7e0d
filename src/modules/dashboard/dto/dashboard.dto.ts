import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { HEALTH_LEVELS, HealthLevel } from '../../accords';

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

export type SuppressedCount = number | '<3';

export class StatsQueryDto {
  @ApiPropertyOptional({ enum: ['region', 'cercle'], default: 'cercle' })
  @IsOptional()
  @IsIn(['region', 'cercle'])
  groupBy?: 'region' | 'cercle';
}

const COUNT = {
  oneOf: [
    { type: 'integer', minimum: 3 },
    { type: 'string', enum: ['<3'] },
  ],
  description: 'Counts below 3 are returned as "<3"',
};

export class AreaHealthCountsResponse {
  @ApiProperty(COUNT) broken: SuppressedCount;
  @ApiProperty(COUNT) at_risk: SuppressedCount;
  @ApiProperty(COUNT) watch: SuppressedCount;
  @ApiProperty(COUNT) stable: SuppressedCount;
}

export class AreaHealthStatsResponse {
  @ApiProperty({ format: 'uuid' }) areaId: string;
  @ApiProperty() areaName: string;
  @ApiProperty({ type: AreaHealthCountsResponse }) counts: AreaHealthCountsResponse;
}

export class AccordStatsResponse {
  @ApiProperty({ enum: ['region', 'cercle'] }) groupBy: 'region' | 'cercle';
  @ApiProperty({ type: [AreaHealthStatsResponse] }) items: AreaHealthStatsResponse[];
}
