import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { HEALTH_LEVELS, HealthLevel } from '../accord-health';
import {
  ACCORD_FORMS,
  ACCORD_KINDS,
  AccordForm,
  AccordKind,
  ASSESSMENT_STATUSES,
  AssessmentStatus,
  FLAG_SEVERITIES,
  FlagSeverity,
  FOLLOW_UP_METHODS,
  FollowUpMethod,
  INCIDENT_TYPES,
  IncidentType,
  Indicators,
  OVERALL_JUDGEMENTS,
  OverallJudgement,
  TERM_CATEGORIES,
  TermCategory,
  Verification,
  VERIFICATIONS,
} from '../accord-vocabulary';

export class AccordHealthResponse {
  @ApiProperty({ enum: HEALTH_LEVELS }) level: HealthLevel;
  @ApiProperty({
    type: [String],
    example: ['term_violated', 'follow_up_overdue'],
    description: 'Reason codes of every rule that fired, worst first.',
  })
  reasons: string[];
}

export class LatestAssessmentResponse {
  @ApiProperty({ format: 'uuid' }) followUpId: string;
  @ApiProperty({ format: 'date-time' }) checkedAt: string;
  @ApiProperty({ enum: ASSESSMENT_STATUSES }) status: AssessmentStatus;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
}

export class TermResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) accordId: string;
  @ApiProperty({ description: '1, 2, 3… in the order recorded: `<n>=<level>` in an SMS `SUIVI`.' })
  number: number;
  @ApiProperty() text: string;
  @ApiProperty({ enum: TERM_CATEGORIES }) category: TermCategory;
  @ApiProperty({ format: 'uuid' }) obligorPartyId: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) beneficiaryPartyId: string | null;
  @ApiProperty() isConcession: boolean;
  @ApiProperty({ format: 'date', nullable: true, type: String }) deadline: string | null;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiPropertyOptional({ type: LatestAssessmentResponse, nullable: true })
  latestAssessment?: LatestAssessmentResponse | null;
}

export class TermRevisionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() previousText: string;
  @ApiProperty({ enum: TERM_CATEGORIES }) previousCategory: TermCategory;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) meetingId: string | null;
  @ApiProperty({ format: 'uuid' }) changedBy: string;
  @ApiProperty({ format: 'date-time' }) changedAt: string;
}

export class TermHistoryResponse {
  @ApiProperty({ format: 'uuid' }) termId: string;
  @ApiProperty({ type: [TermRevisionResponse], description: 'Newest first.' })
  items: TermRevisionResponse[];
}

export class FlagResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) accordId: string;
  @ApiProperty({ enum: FLAG_SEVERITIES }) severity: FlagSeverity;
  @ApiProperty() reason: string;
  @ApiProperty({ format: 'uuid' }) raisedBy: string;
  @ApiProperty({ format: 'date-time' }) raisedAt: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) resolvedBy: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) resolvedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) resolutionNote: string | null;
}

export class AccordResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({
    example: 'K7M2QX',
    description: 'Six Crockford base32 characters naming the accord in an SMS (README "SMS").',
  })
  smsCode: string;
  @ApiProperty({ format: 'date-time' }) concludedAt: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) meetingId: string | null;
  @ApiProperty({ enum: ACCORD_FORMS }) form: AccordForm;
  @ApiProperty({ enum: ACCORD_KINDS }) kind: AccordKind;
  @ApiProperty({ nullable: true, type: String }) monitoringMechanism: string | null;
  @ApiProperty() followUpIntervalDays: number;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'Encrypted at rest; in the response of one accord, not in lists.',
  })
  summary?: string | null;
  @ApiProperty({ type: AccordHealthResponse }) health: AccordHealthResponse;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) lastCheckedAt: string | null;
  @ApiProperty({ format: 'date-time' }) nextCheckDue: string;
  @ApiProperty({ nullable: true, type: Number, description: 'Of the last check, 0–100.' })
  implementationScore: number | null;
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class AccordDetailResponse extends AccordResponse {
  @ApiProperty({ type: [TermResponse] }) terms: TermResponse[];
  @ApiProperty({ type: [FlagResponse], description: 'Open and resolved, newest first.' })
  flags: FlagResponse[];
}

export class AccordPage {
  @ApiProperty({ type: [AccordResponse] }) items: AccordResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class AssessmentResponse {
  @ApiProperty({ format: 'uuid' }) termId: string;
  @ApiProperty({ enum: ASSESSMENT_STATUSES }) status: AssessmentStatus;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
}

export class IncidentResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: INCIDENT_TYPES }) type: IncidentType;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty() fatalities: number;
  @ApiProperty({ nullable: true, type: String }) perpetratorKind: string | null;
  @ApiProperty({ enum: VERIFICATIONS }) verification: Verification;
}

export class FollowUpResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) accordId: string;
  @ApiProperty({ format: 'date-time' }) checkedAt: string;
  @ApiProperty({ enum: FOLLOW_UP_METHODS }) method: FollowUpMethod;
  @ApiProperty({ type: Object, example: { markets_open: 'yes' } }) indicators: Indicators;
  @ApiProperty({ enum: OVERALL_JUDGEMENTS }) overall: OverallJudgement;
  @ApiProperty({ format: 'date-time' }) nextCheckDue: string;
  @ApiProperty({ nullable: true, type: Number, description: 'PAM roll-up of this check, 0–100.' })
  implementationScore: number | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'On the whole check; encrypted at rest.',
  })
  note: string | null;
  @ApiProperty({ type: [AssessmentResponse] }) assessments: AssessmentResponse[];
  @ApiProperty({ type: [IncidentResponse] }) incidents: IncidentResponse[];
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class FollowUpPage {
  @ApiProperty({ type: [FollowUpResponse] }) items: FollowUpResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
