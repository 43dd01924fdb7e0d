import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequirePermission } from '../auth/decorators';
import { Permission } from '../auth/permission';
import { Principal } from '../auth/principal';
import { AuditEventPage, AuditQueryDto, AuditVerifyResponse } from './audit.dto';
import { AuditService } from './audit.service';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/v1/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /** Admins: every event, metadata only. Coordinators: their association's events, with details. */
  @Get()
  @ApiOperation({ summary: 'List audit events' })
  @RequirePermission(Permission.AuditRead)
  @ApiOkResponse({ type: AuditEventPage })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: AuditQueryDto,
  ): Promise<AuditEventPage> {
    return this.audit.list(principal, query);
  }

  /** Recomputes the whole chain and names the first missing or altered event. */
  @Get('verify')
  @ApiOperation({ summary: 'Verify the audit chain' })
  @RequirePermission(Permission.AuditVerify)
  @ApiOkResponse({ type: AuditVerifyResponse })
  verify(): Promise<AuditVerifyResponse> {
    return this.audit.verify();
  }
}
