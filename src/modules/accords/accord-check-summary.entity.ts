import { Column, Entity, PrimaryColumn } from 'typeorm';
import { References } from '../../database/columns';
import { OverallJudgement } from './accord-vocabulary';

/**
 * What the health rules need from an accord's last two checks, computed when
 * a check is recorded (`refreshCheckSummarySql`), so that the dashboard and
 * the statistics read one row per accord instead of walking every check,
 * assessment and incident. What depends on the time (overdue, incidents of
 * the last 30 days) and flags are decided when read. No row: never checked.
 */
@Entity('accord_check_summary')
export class AccordCheckSummary {
  @PrimaryColumn('uuid')
  accordId: string;

  @References('Accord', 'accord_id', 'CASCADE')
  accord?: unknown;

  /** The latest check (checked_at, then id, descending). */
  @Column('uuid')
  lastFollowUpId: string;

  @Column('timestamptz')
  lastCheckedAt: Date;

  @Column('text')
  overall: OverallJudgement;

  @Column('timestamptz')
  nextCheckDue: Date;

  @Column('numeric', { precision: 5, scale: 2, nullable: true })
  implementationScore: string | null;

  /** The latest check's indicator `threats_against_mediators` is `yes`. */
  @Column('boolean')
  threatsAgainstMediators: boolean;

  /** A term is `violated` in the latest check. */
  @Column('boolean')
  termViolated: boolean;

  /** A term scores lower than in the check before (PAM scale). */
  @Column('boolean')
  termScoreDropped: boolean;

  /** The latest incident reported at any check of the accord. */
  @Column('timestamptz', { nullable: true })
  lastIncidentAt: Date | null;

  /** The latest incident with fatalities. */
  @Column('timestamptz', { nullable: true })
  lastFatalIncidentAt: Date | null;
}
