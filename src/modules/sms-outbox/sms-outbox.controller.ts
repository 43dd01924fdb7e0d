import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../../common/auth/decorators';
import { Permission } from '../../common/auth/permission';
import { FieldCipher } from '../../common/crypto/field-cipher';
import { AppError } from '../../common/http/app-error';
import { DEFAULT_PAGE_SIZE, decodeTimeIdCursor, toPage } from '../../common/http/pagination';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { ListSmsOutboxQueryDto, SmsOutboxItem, SmsOutboxPage } from './dto/sms-outbox.dto';
import { maskPhoneNumber } from './phone-numbers';
import { OutboxRow, SmsOutboxRepository } from './sms-outbox.repository';

/** What waits to be sent, and what was: the admin's view of the SMS outbox (404 with SMS off). */
@ApiTags('sms')
@ApiBearerAuth()
@Controller('api/v1/sms/outbox')
export class SmsOutboxController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly outbox: SmsOutboxRepository,
    private readonly cipher: FieldCipher,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'List outgoing SMS',
    description:
      'Newest first, numbers masked, verification codes hidden. Messages stay `queued` while no gateway is configured.',
  })
  @RequirePermission(Permission.SmsOutboxRead)
  @ApiOkResponse({ type: SmsOutboxPage })
  async list(@Query() query: ListSmsOutboxQueryDto): Promise<SmsOutboxPage> {
    if (!this.config.sms) throw new AppError('not_found');
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeTimeIdCursor(query.cursor);
    const rows = await this.outbox.list({ status: query.status, after, limit });
    return toPage(
      rows,
      limit,
      (r) => this.toItem(r),
      (r) => [r.createdAtKey, r.id],
    );
  }

  private toItem(r: OutboxRow): SmsOutboxItem {
    const at = (column: string) => ({ table: 'sms_outbox', column, rowId: r.id });
    return {
      id: r.id,
      to: maskPhoneNumber(this.cipher.decrypt(r.toNumber, at('to_number'))),
      purpose: r.purpose,
      text: r.purpose === 'verification' ? null : this.cipher.decrypt(r.text, at('text')),
      status: r.status,
      attempts: r.attempts,
      lastError: r.lastError,
      createdAt: r.createdAt.toISOString(),
      nextAttemptAt: r.nextAttemptAt.toISOString(),
      sentAt: r.sentAt?.toISOString() ?? null,
    };
  }
}
