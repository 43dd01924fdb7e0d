import { Injectable } from '@nestjs/common';
import { AuditService } from '../../common/audit/audit.service';
import { Principal } from '../../common/auth/principal';
import { AppError } from '../../common/http/app-error';
import { DEFAULT_PAGE_SIZE, decodeTimeIdCursor, toPage } from '../../common/http/pagination';
import { Transactions } from '../../database/transactions';
import {
  ListNotificationsQueryDto,
  NotificationPage,
  NotificationResponse,
} from './dto/notification.dto';
import { NotificationRow, NotificationsRepository } from './notifications.repository';

/** The caller's own notifications: list (newest first) and read marks. */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
  ) {}

  async list(principal: Principal, query: ListNotificationsQueryDto): Promise<NotificationPage> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeTimeIdCursor(query.cursor);
    const rows = await this.notifications.listForUser(principal.userId, {
      unreadOnly: query.unread === true,
      after,
      limit,
    });
    return toPage(
      rows,
      limit,
      (r) => this.toResponse(r),
      (r) => [r.createdAtKey, r.id],
    );
  }

  async markRead(principal: Principal, id: string): Promise<NotificationResponse> {
    const row = await this.transactions.run(async (tx) => {
      const updated = await this.notifications.markRead(tx, principal.userId, id);
      if (!updated) throw new AppError('not_found');
      await this.audit.record(tx, {
        action: 'notification.read',
        entityType: 'notification',
        entityId: id,
      });
      return updated;
    });
    return this.toResponse(row);
  }

  private toResponse(row: NotificationRow): NotificationResponse {
    return {
      id: row.id,
      kind: row.kind,
      subjectType: row.subjectType,
      subjectId: row.subjectId,
      message: this.notifications.decryptMessage(row),
      readAt: row.readAt ? new Date(row.readAt).toISOString() : null,
      createdAt: new Date(row.createdAt).toISOString(),
    };
  }
}
