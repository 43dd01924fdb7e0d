import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from '../../../common/http/pagination';
import { MISSION_ORDER_STATUSES, MissionOrderReadStatus } from '../mission-order-status';

export const READ_STATUSES = [...MISSION_ORDER_STATUSES, 'expired'] as const;

export class ListMissionOrdersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: READ_STATUSES })
  @IsOptional()
  @IsIn(READ_STATUSES)
  status?: MissionOrderReadStatus;
}
