import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Requests counted in the current fixed window of one rate-limit key, kept
 * in the database so that every API instance enforces the same limit.
 */
@Entity('rate_limit_hit')
export class RateLimitHit {
  /** `<group>:<sha256 of the client address>`: no address is stored in clear. */
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
