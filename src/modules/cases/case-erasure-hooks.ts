import { Injectable } from '@nestjs/common';
import { Tx } from '../../database/transactions';

/** What another module clears of a case being erased, inside the erasing transaction. */
export type CaseErasureHook = (tx: Tx, caseId: string) => Promise<unknown>;

/**
 * Lets the modules above cases (parties, meetings, accords) clear the text
 * they keep in clear about a case being erased (a party's name, an agenda),
 * without the cases module touching their tables. Hooks run in the
 * transaction that destroys the case key: all of it commits or none.
 */
@Injectable()
export class CaseErasureHooks {
  private readonly hooks: CaseErasureHook[] = [];

  register(hook: CaseErasureHook): void {
    this.hooks.push(hook);
  }

  async run(tx: Tx, caseId: string): Promise<void> {
    for (const hook of this.hooks) await hook(tx, caseId);
  }
}
