import { Injectable } from '@nestjs/common';
import { AccessService, CaseAccess } from '../../common/access/access.service';
import { Principal } from '../../common/auth/principal';
import { AppError } from '../../common/http/app-error';
import { AccordsRepository } from './accords.repository';
import { TermsRepository } from './terms.repository';

/**
 * The first step of every access check under an accord: the case it
 * belongs to, and what the caller may do there (not visible → 404).
 */
@Injectable()
export class AccordScopes {
  constructor(
    private readonly accords: AccordsRepository,
    private readonly terms: TermsRepository,
    private readonly access: AccessService,
  ) {}

  async ofAccord(
    principal: Principal,
    id: string,
  ): Promise<{ access: CaseAccess; caseId: string }> {
    const caseId = await this.accords.caseIdOfAccord(id);
    if (!caseId) throw new AppError('not_found');
    return { access: await this.access.caseFor(principal, caseId), caseId };
  }

  async ofTerm(
    principal: Principal,
    id: string,
  ): Promise<{ access: CaseAccess; caseId: string; accordId: string }> {
    const owner = await this.terms.caseIdOfTerm(id);
    if (!owner) throw new AppError('not_found');
    return { access: await this.access.caseFor(principal, owner.caseId), ...owner };
  }
}
