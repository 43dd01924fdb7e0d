import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { EncryptedColumn } from '../../common/crypto/encrypted-columns';
import { References } from '../../database/columns';
import { CaseStatus } from './case-status';

/** One status change of a case: who, when, from, to, and why (the reason is encrypted). */
@Entity('case_transition')
@Index('ix_case_transition_case_id_occurred_at', ['caseId', 'occurredAt'])
export class CaseTransition {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  caseId: string;

  @References('DialogueCase', 'case_id', 'CASCADE')
  dialogueCase?: unknown;

  @Column('text')
  fromStatus: CaseStatus;

  @Column('text')
  toStatus: CaseStatus;

  /** Encrypted, bound to `case_transition|reason|id`. */
  @EncryptedColumn({ casePath: ['case_id'] })
  reason: string;

  @Index('ix_case_transition_actor_user_id')
  @Column('uuid')
  actorUserId: string;

  @References('User', 'actor_user_id', 'RESTRICT')
  actor?: unknown;

  @Column('timestamptz', { default: () => 'now()' })
  occurredAt: Date;
}
