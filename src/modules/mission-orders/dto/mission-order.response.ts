import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { READ_STATUSES } from './list-mission-orders.query';
import { MissionOrderReadStatus } from '../mission-order-status';

export class MissionOrderAreaResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['region', 'cercle', 'commune'] }) level: string;
}

/** What an official sees of a linked case: nothing more. */
export class MissionOrderCaseSummary {
  @ApiProperty() codeName: string;
  @ApiProperty() commune: string;
  @ApiProperty() type: string;
}

export class MissionOrderResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'OM-2026-000123' }) orderNumber: string;
  @ApiProperty({
    enum: READ_STATUSES,
    description: 'An approved order past validUntil reads as expired.',
  })
  status: MissionOrderReadStatus;
  @ApiProperty({ format: 'uuid' }) associationId: string;
  @ApiProperty({ format: 'uuid' }) authorityId: string;
  @ApiProperty() authorityName: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) caseId: string | null;
  @ApiPropertyOptional({ type: MissionOrderCaseSummary, description: 'Officials only.' })
  case?: MissionOrderCaseSummary;
  @ApiProperty() purpose: string;
  @ApiProperty({ format: 'date-time' }) validFrom: string;
  @ApiProperty({ format: 'date-time' }) validUntil: string;
  @ApiProperty({ type: [String], format: 'uuid' }) holderUserIds: string[];
  @ApiProperty({ type: [MissionOrderAreaResponse] }) areas: MissionOrderAreaResponse[];
  @ApiProperty({ format: 'uuid' }) requestedBy: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) decidedBy: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) decidedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Why rejected or revoked.' })
  decisionReason?: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) revokedAt: string | null;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class MissionOrderPage {
  @ApiProperty({ type: [MissionOrderResponse] }) items: MissionOrderResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class MissionOrderCredential {
  @ApiProperty({ format: 'uuid' }) holderUserId: string;
  @ApiProperty({ description: 'Compact JWS (EdDSA / Ed25519) with kid in the header.' })
  token: string;
}

export class VerifyHolder {
  @ApiProperty() legalName: string;
  @ApiProperty() idDocumentNumber: string;
}

export class VerifyName {
  @ApiProperty() name: string;
}

export class VerifyMissionOrderResponse {
  @ApiProperty() valid: boolean;
  @ApiProperty({ enum: ['approved', 'expired', 'not_yet_valid', 'revoked', 'invalid'] })
  status: string;
  @ApiPropertyOptional() orderNumber?: string;
  @ApiPropertyOptional({ type: VerifyHolder }) holder?: VerifyHolder;
  @ApiPropertyOptional({ type: VerifyName }) authority?: VerifyName;
  @ApiPropertyOptional({ type: [VerifyName] }) areas?: VerifyName[];
  @ApiPropertyOptional({ format: 'date-time' }) validFrom?: string;
  @ApiPropertyOptional({ format: 'date-time' }) validUntil?: string;
}

export class RevocationsResponse {
  @ApiProperty({
    type: [String],
    description:
      'The credential id (`jti`, 128 random bits in base64url) of every credential that ended: all the holders’ of a revoked order, a disabled holder’s of an approved one.',
  })
  revoked: string[];
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class JwkResponse {
  @ApiProperty({ example: 'OKP' }) kty: string;
  @ApiProperty({ example: 'Ed25519' }) crv: string;
  @ApiProperty() x: string;
  @ApiProperty() kid: string;
  @ApiProperty({ example: 'EdDSA' }) alg: string;
  @ApiProperty({ example: 'sig' }) use: string;
}

export class JwksResponse {
  @ApiProperty({ type: [JwkResponse] }) keys: JwkResponse[];
}
