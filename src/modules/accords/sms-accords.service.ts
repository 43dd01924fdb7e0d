import { Injectable } from '@nestjs/common';
import { AccessService } from '../../common/access/access.service';
import { Principal } from '../../common/auth/principal';
import { AppError } from '../../common/http/app-error';
import { AccordsRepository } from './accords.repository';
import { TermsRepository } from './terms.repository';

/** An accord an SMS sender may act on. */
export interface SmsAccordTarget {
  accordId: string;
  caseId: string;
  followUpIntervalDays: number;
}

/**
 * How an SMS names accords and terms (code, numbers), read under the same
 * access rules as the app: what the sender may not act on is not found.
 */
@Injectable()
export class SmsAccords {
  constructor(
    private readonly accords: AccordsRepository,
    private readonly terms: TermsRepository,
    private readonly access: AccessService,
  ) {}

  /** The accord of this code (canonical form) if `principal` may act on its case; else null. */
  async target(principal: Principal, code: string): Promise<SmsAccordTarget | null> {
    const id = await this.accords.accordIdOfSmsCode(code);
    const accord = id ? await this.accords.findAccord(id) : null;
    if (!accord) return null;
    try {
      await this.access.caseFor(principal, accord.caseId);
    } catch (error) {
      if (error instanceof AppError) return null;
      throw error;
    }
    return {
      accordId: accord.id,
      caseId: accord.caseId,
      followUpIntervalDays: accord.followUpIntervalDays,
    };
  }

  /** The ids of the accord's terms by number (only those that exist). */
  termIdsByNumber(accordId: string, numbers: number[]): Promise<Map<number, string>> {
    return this.terms.termIdsByNumber(accordId, numbers);
  }
}
