import { Column, Entity, Exclusion, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../users/user.entity';
import { Meeting } from './meeting.entity';

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

  @ManyToOne(() => Meeting, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id', foreignKeyConstraintName: 'fk_meeting_attendee_meeting_id' })
  meeting?: Meeting;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_meeting_attendee_user_id' })
  user?: User;

  /** [scheduledAt, scheduledAt + duration). */
  @Column('tstzrange')
  during: string;

  @Column('boolean', { default: true })
  active: boolean;
}
