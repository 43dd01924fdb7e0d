import {
  CreateDateColumn,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
} from 'typeorm';
import { User } from '../users/user.entity';
import { DialogueCase } from './dialogue-case.entity';

/** A mediator assigned to a case; exactly one member is the lead. */
@Entity('case_team_member')
@Index('ix_case_team_member_user_id', ['userId', 'caseId'])
@Index('uq_case_team_member_lead', ['caseId'], { unique: true, where: '"lead"' })
export class CaseTeamMember {
  @PrimaryColumn('uuid')
  caseId: string;

  @PrimaryColumn('uuid')
  userId: string;

  @ManyToOne(() => DialogueCase, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_case_team_member_case_id' })
  dialogueCase?: DialogueCase;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_case_team_member_user_id' })
  user?: User;

  @Column('boolean', { default: false })
  lead: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  addedAt: Date;
}
