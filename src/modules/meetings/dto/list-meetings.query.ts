import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsUUID } from 'class-validator';
import { DateWithin } from '../../../common/http/dates';
import { LowerCase } from '../../../common/http/dto';
import { PageQueryDto } from '../../../common/http/pagination';

export class ListMeetingsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'date-time', description: 'Meetings starting at or after' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @DateWithin('planned')
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Meetings starting before' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @DateWithin('planned')
  to?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @LowerCase()
  @IsUUID()
  caseId?: string;
}
