import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Protected, Retention } from '../inventory/data-inventory';

/**
 * Requests counted in the current fixed window of one rate-limit key, kept
 * in the database so that every API instance enforces the same limit.
 */
@Entity('rate_limit_hit')
@Retention('A day: counters idle for a day (and no longer blocking) are deleted.')
export class RateLimitHit {
  /** `<group>:<keyed hash of the client address>`: no address is stored in clear. */
  @Protected('keyed-hash', 'HMAC-SHA-256 with lookup.key')
  @PrimaryColumn('text')
  key: string;

  @Column('timestamptz')
  windowStartedAt: Date;

  @Column('integer')
  hits: number;

  /** Set once the limit is passed; requests are refused until then. */
  @Column('timestamptz', { nullable: true })
  blockedUntil: Date | null;
}
