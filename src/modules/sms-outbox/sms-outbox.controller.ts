import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../../common/auth/decorators';
import { Permission } from '../../common/auth/permission';
import { FieldCipher } from '../../common/crypto/field-cipher';
import { AppError } from '../../common/http/app-error';
import { DEFAULT_PAGE_SIZE, decodeTimeIdCursor, toPage } from '../../common/http/pagination';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { DataSource } from 'typeorm';
import { ListSmsOutboxQueryDto, SmsOutboxItem, SmsOutboxPage } from './dto/sms-outbox.dto';
import { maskPhoneNumber } from './phone-numbers';
import { SmsPurpose, SmsStatus } from './sms-message.entity';

interface OutboxRow {
  id: string;
  toNumber: string;
  purpose: SmsPurpose;
  text: string;
  status: SmsStatus;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  createdAtKey: string;
  nextAttemptAt: Date;
  sentAt: Date | null;
}

/** What waits to be sent, and what was: the admin's view of the SMS outbox (404 with SMS off). */
@ApiTags('sms')
@ApiBearerAuth()
@Controller('api/v1/sms/outbox')
export class SmsOutboxController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
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
    const params: unknown[] = [];
    const where: string[] = [];
    if (query.status) {
      params.push(query.status);
      where.push(`status = $${params.length}`);
    }
    if (after) {
      params.push(after[0], after[1]);
      where.push(
        `(created_at, id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`,
      );
    }
    params.push(limit + 1);
    const rows: OutboxRow[] = await this.dataSource.query(
      `SELECT id, to_number AS "toNumber", purpose, text, status, attempts, last_error AS "lastError",
              created_at AS "createdAt", next_attempt_at AS "nextAttemptAt", sent_at AS "sentAt",
              to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "createdAtKey"
         FROM sms_outbox ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY created_at DESC, id DESC LIMIT $${params.length}`,
      params,
    );
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
