import { Injectable } from '@nestjs/common';
import { Tx } from '../../database/transactions';

/** Work another module does when an account is disabled, inside the disabling transaction. */
export type UserDisabledHook = (tx: Tx, userId: string) => Promise<unknown>;

/**
 * Lets the modules that depend on users (mission orders: the holder's
 * credentials end) act when an account is disabled, without the users
 * module depending on them. Hooks run in the transaction that disables the
 * account: the change and its consequences commit or roll back together.
 */
@Injectable()
export class UserDisabledHooks {
  private readonly hooks: UserDisabledHook[] = [];

  register(hook: UserDisabledHook): void {
    this.hooks.push(hook);
  }

  async run(tx: Tx, userId: string): Promise<void> {
    for (const hook of this.hooks) await hook(tx, userId);
  }
}
