import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsUUID } from 'class-validator';
import { LowerCase, Optional } from '../../../common/http/dto';

export class AddTeamMemberDto {
  @ApiProperty({ format: 'uuid', description: "An enabled mediator of the case's association" })
  @LowerCase()
  @IsUUID()
  userId: string;

  @ApiPropertyOptional({
    description: 'Make this member the lead (the previous lead stays on the team).',
  })
  @Optional()
  @IsBoolean()
  lead?: boolean;
}

export class TeamMemberResponse {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() displayName: string;
  @ApiProperty() lead: boolean;
  @ApiProperty({ format: 'date-time' }) addedAt: string;
}

export class TeamResponse {
  @ApiProperty({ type: [TeamMemberResponse] }) items: TeamMemberResponse[];
}
