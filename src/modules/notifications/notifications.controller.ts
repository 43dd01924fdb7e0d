import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequirePermission } from '../../common/auth/decorators';
import { Permission } from '../../common/auth/permission';
import { Principal } from '../../common/auth/principal';
import { IdParam } from '../../common/http/params';
import {
  ListNotificationsQueryDto,
  NotificationPage,
  NotificationResponse,
} from './dto/notification.dto';
import { NotificationsService } from './notifications.service';

/** The caller's own in-app notifications; anyone else's are 404. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('api/v1/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({ summary: 'List one’s notifications' })
  @RequirePermission(Permission.NotificationsRead)
  @ApiOkResponse({ type: NotificationPage })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ListNotificationsQueryDto,
  ): Promise<NotificationPage> {
    return this.notifications.list(principal, query);
  }

  @Post(':id/read')
  @ApiOperation({ summary: 'Mark a notification read' })
  @HttpCode(200)
  @RequirePermission(Permission.NotificationsRead)
  @ApiOkResponse({ type: NotificationResponse })
  markRead(
    @CurrentPrincipal() principal: Principal,
    @IdParam() id: string,
  ): Promise<NotificationResponse> {
    return this.notifications.markRead(principal, id);
  }
}
