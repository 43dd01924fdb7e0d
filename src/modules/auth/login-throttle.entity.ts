import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Protected, Retention } from '../../common/inventory/data-inventory';

/**
 * Failed attempts on one counter (an account name, a client address, a
 * trusted device, a user's password or TOTP code: SignInLimits), kept in
 * the database so that every API instance applies the same backoff.
 */
@Entity('login_throttle')
@Retention('A day: counters a day past their last failure (and no longer blocking) are deleted.')
export class LoginThrottle {
  /**
   * `user:<keyed hash of the name>`, `ip:<keyed hash of the address>`,
   * `device:<id>`, `password:<user id>`, `totp:<user id>`: no name tried and
   * no address in clear.
   */
  @Protected(
    'keyed-hash',
    'HMAC-SHA-256 with lookup.key (names and addresses); user and device ids in clear',
  )
  @PrimaryColumn('text')
  key: string;

  @Column('integer')
  failures: number;

  @Column('timestamptz')
  lastFailureAt: Date;

  @Column('timestamptz', { nullable: true })
  blockedUntil: Date | null;
}
