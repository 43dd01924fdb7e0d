import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { ROLES } from '../auth/role';
import { LowerCase } from '../http/dto';
import { PageQueryDto } from '../http/pagination';

export class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only the events about this entity' })
  @IsOptional()
  @LowerCase()
  @IsUUID()
  entityId?: string;
}

export class AuditDetailsResponse {
  @ApiPropertyOptional({ type: [String], description: 'Names of the fields read or changed' })
  fields?: string[];
  @ApiPropertyOptional({ description: 'State or value name before a transition' })
  from?: string;
  @ApiPropertyOptional({ description: 'State or value name after a transition' })
  to?: string;
  @ApiPropertyOptional({ description: 'Why, as a code' })
  reason_code?: string;
  @ApiPropertyOptional()
  count?: number;
  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Other records involved' })
  ids?: string[];
  @ApiPropertyOptional({ enum: ROLES })
  role?: string;
}

export class AuditEventResponse {
  @ApiProperty({
    nullable: true,
    type: Number,
    description:
      'Position in the sealed chain: 1, 2, 3… without gaps; null until the event is sealed (within a second of its write)',
  })
  seq: number | null;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) actorUserId: string | null;
  @ApiProperty({ enum: ROLES, nullable: true, type: String }) actorRole: string | null;
  @ApiProperty({ example: 'user.create' }) action: string;
  @ApiProperty({ nullable: true, type: String, example: 'user' }) entityType: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) entityId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) associationId: string | null;
  @ApiProperty({ nullable: true, type: String }) requestId: string | null;
  @ApiPropertyOptional({
    type: AuditDetailsResponse,
    description:
      'Field names and ids, never values. Present for coordinators; administrators see metadata only.',
  })
  details?: AuditDetailsResponse;
}

export class AuditEventPage {
  @ApiProperty({ type: [AuditEventResponse] }) items: AuditEventResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class AuditVerifyResponse {
  @ApiProperty({ description: 'Every sealed event is present and unaltered' }) ok: boolean;
  @ApiProperty({ description: 'Sealed events verified (before the first break, if any)' })
  checked: number;
  @ApiProperty({
    description:
      'Events written but not sealed into the chain yet: not verified (sealing runs at least once a second)',
  })
  unsealed: number;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'First seq missing, or whose hash or link to the previous event does not match',
  })
  firstBrokenSeq: number | null;
}
