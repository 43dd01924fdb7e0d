import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { LowerCase } from '../../../common/http/dto';

export class DocumentQueryDto {
  @ApiProperty({ format: 'uuid', description: 'Whose credential to print.' })
  @LowerCase()
  @IsUUID()
  holderUserId: string;
}
