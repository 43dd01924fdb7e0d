import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Failed sign-in counter for one account name or one client address, kept in
 * the database so that every API instance applies the same backoff.
 */
@Entity('login_throttle')
export class LoginThrottle {
  /** `user:<username>` or `ip:<address>`. */
  @PrimaryColumn('text')
  key: string;

  @Column('integer')
  failures: number;

  @Column('timestamptz')
  lastFailureAt: Date;

  @Column('timestamptz', { nullable: true })
  blockedUntil: Date | null;
}
