import { Body, Controller, Get, Inject, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequirePermission } from '../../common/auth/decorators';
import { Permission } from '../../common/auth/permission';
import { Principal } from '../../common/auth/principal';
import { AppError } from '../../common/http/app-error';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { AuditService } from '../../common/audit/audit.service';
import { Transactions } from '../../database/transactions';
import { SmsRemindersDto } from './dto/sms-reminders.dto';
import { SmsPreferencesRepository } from './sms-preferences.repository';

/** One's own choice about follow-up reminders by SMS (404 with SMS off). */
@ApiTags('sms')
@ApiBearerAuth()
@Controller('api/v1/me/sms-reminders')
export class SmsRemindersController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly preferences: SmsPreferencesRepository,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Whether one gets follow-up reminders by SMS' })
  @RequirePermission(Permission.AccountManage)
  @ApiOkResponse({ type: SmsRemindersDto })
  async get(@CurrentPrincipal() principal: Principal): Promise<SmsRemindersDto> {
    this.requireSms();
    return { enabled: await this.preferences.remindersOn(principal.userId) };
  }

  @Put()
  @ApiOperation({ summary: 'Turn follow-up reminders by SMS on or off' })
  @RequirePermission(Permission.AccountManage)
  @ApiOkResponse({ type: SmsRemindersDto })
  async set(
    @CurrentPrincipal() principal: Principal,
    @Body() body: SmsRemindersDto,
  ): Promise<SmsRemindersDto> {
    this.requireSms();
    await this.transactions.run(async (tx) => {
      await this.preferences.setReminders(tx, principal.userId, body.enabled);
      await this.audit.record(tx, {
        action: 'sms_preference.update',
        entityType: 'user',
        entityId: principal.userId,
        details: { fields: ['reminders'] },
      });
    });
    return { enabled: body.enabled };
  }

  private requireSms(): void {
    if (!this.config.sms) throw new AppError('not_found');
  }
}
