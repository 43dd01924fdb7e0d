import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequirePermission } from '../../common/auth/decorators';
import { Permission } from '../../common/auth/permission';
import { Principal } from '../../common/auth/principal';
import { IdParam } from '../../common/http/params';
import { CaseErasureService } from './case-erasure.service';
import { CaseErasureResponse, ErasureCandidates } from './dto/erasure.response';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/v1')
export class CaseErasureController {
  constructor(private readonly erasure: CaseErasureService) {}

  @Post('cases/:id/erasure')
  @ApiOperation({
    summary: 'Erase a closed case: destroy its data key (admin, after step-up)',
    description:
      'Its encrypted fields can no longer be read anywhere and read "[erased]"; its clear ' +
      'text is cleared; statistics still count it. 403 `step_up_required` without a recent ' +
      'step-up; 409 `case_still_active` unless closed or collapsed.',
  })
  @HttpCode(200)
  @RequirePermission(Permission.CasesErase)
  @ApiOkResponse({ type: CaseErasureResponse })
  erase(
    @CurrentPrincipal() principal: Principal,
    @IdParam() id: string,
  ): Promise<CaseErasureResponse> {
    return this.erasure.erase(principal, id);
  }

  @Get('admin/erasure-candidates')
  @ApiOperation({ summary: 'List the closed cases kept longer than the retention period' })
  @RequirePermission(Permission.CasesErase)
  @ApiOkResponse({ type: ErasureCandidates })
  candidates(): Promise<ErasureCandidates> {
    return this.erasure.candidates();
  }
}
