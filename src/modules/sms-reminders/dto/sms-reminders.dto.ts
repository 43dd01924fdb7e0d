import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';

export class SmsRemindersDto {
  @ApiProperty({
    description:
      'Follow-up reminders (due, overdue) by SMS to one’s verified numbers, at most one per accord and number a day',
  })
  @IsBoolean()
  enabled: boolean;
}
