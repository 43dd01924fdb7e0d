import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../users/user.entity';
import { CaseStatus } from './case-status';
import { DialogueCase } from './dialogue-case.entity';

/** One status change of a case: who, when, from, to, and why (the reason is encrypted). */
@Entity('case_transition')
@Index('ix_case_transition_case_id_occurred_at', ['caseId', 'occurredAt'])
export class CaseTransition {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  caseId: string;

  @ManyToOne(() => DialogueCase, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_case_transition_case_id' })
  dialogueCase?: DialogueCase;

  @Column('text')
  fromStatus: CaseStatus;

  @Column('text')
  toStatus: CaseStatus;

  /** Encrypted, bound to `case_transition|reason|id`. */
  @Column('text')
  reason: string;

  @Index('ix_case_transition_actor_user_id')
  @Column('uuid')
  actorUserId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'actor_user_id',
    foreignKeyConstraintName: 'fk_case_transition_actor_user_id',
  })
  actor?: User;

  @Column('timestamptz', { default: () => 'now()' })
  occurredAt: Date;
}
