import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { References, CreatedAt } from '../../database/columns';

/** A mediator assigned to a case; exactly one member is the lead. */
@Entity('case_team_member')
@Index('ix_case_team_member_user_id', ['userId', 'caseId'])
@Index('uq_case_team_member_lead', ['caseId'], { unique: true, where: '"lead"' })
export class CaseTeamMember {
  @PrimaryColumn('uuid')
  caseId: string;

  @PrimaryColumn('uuid')
  userId: string;

  @References('DialogueCase', 'case_id', 'CASCADE')
  dialogueCase?: unknown;

  @References('User', 'user_id', 'RESTRICT')
  user?: unknown;

  @Column('boolean', { default: false })
  lead: boolean;

  @CreatedAt()
  addedAt: Date;
}
