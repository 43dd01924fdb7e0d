import { Column, Entity, Exclusion, Index, PrimaryColumn } from 'typeorm';
import { References } from '../../database/columns';

/** The exclusion constraint that makes a double booking impossible, even under concurrency. */
export const MEETING_OVERLAP_CONSTRAINT = 'ex_meeting_attendee_no_overlap';

/**
 * One mediator attending one meeting, with the meeting's time range. While
 * `active` (the meeting is planned or postponed to a new time), two rows of
 * the same user may not overlap: the database refuses the second (23P01).
 * The constraint itself is created by the migration (1795495300000-Meetings);
 * it is declared here, by name, so that the schema diff keeps it.
 */
@Entity('meeting_attendee')
@Exclusion(
  MEETING_OVERLAP_CONSTRAINT,
  'USING gist ("user_id" WITH =, "during" WITH &&) WHERE ("active")',
)
@Index('ix_meeting_attendee_user_id', ['userId'])
export class MeetingAttendee {
  @PrimaryColumn('uuid')
  meetingId: string;

  @PrimaryColumn('uuid')
  userId: string;

  @References('Meeting', 'meeting_id', 'CASCADE')
  meeting?: unknown;

  @References('User', 'user_id', 'RESTRICT')
  user?: unknown;

  /** [scheduledAt, scheduledAt + duration). */
  @Column('tstzrange')
  during: string;

  @Column('boolean', { default: true })
  active: boolean;
}
