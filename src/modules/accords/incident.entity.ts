import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { References } from '../../database/columns';
import {
  INCIDENT_TYPES,
  IncidentType,
  sqlList,
  Verification,
  VERIFICATIONS,
} from './accord-vocabulary';

/** An incident reported at a follow-up check (ACLED-aligned type). */
@Entity('incident')
@Check('ck_incident_type', `"type" IN (${sqlList(INCIDENT_TYPES)})`)
@Check('ck_incident_verification', `"verification" IN (${sqlList(VERIFICATIONS)})`)
@Check('ck_incident_fatalities', '"fatalities" >= 0')
export class Incident {
  @PrimaryColumn('uuid')
  id: string;

  @Index('ix_incident_follow_up_id')
  @Column('uuid')
  followUpId: string;

  @References('FollowUp', 'follow_up_id', 'CASCADE')
  followUp?: unknown;

  @Column('text')
  type: IncidentType;

  @Column('timestamptz')
  occurredAt: Date;

  @Column('integer', { default: 0 })
  fatalities: number;

  @Column('text', { nullable: true })
  perpetratorKind: string | null;

  @Column('text')
  verification: Verification;
}
