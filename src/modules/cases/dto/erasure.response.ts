import { ApiProperty } from '@nestjs/swagger';

export class CaseErasureResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({
    format: 'date-time',
    description: 'When the data key was destroyed (the first erasure, if asked again)',
  })
  erasedAt: string;
}

export class ErasureCandidate {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) associationId: string;
  @ApiProperty({ format: 'date-time' }) closedAt: string;
}

export class ErasureCandidates {
  @ApiProperty({ description: 'TOGUNA_RETENTION_YEARS: years a closed case is kept' })
  retentionYears: number;
  @ApiProperty({ type: [ErasureCandidate], description: 'Oldest closing first, at most 500' })
  items: ErasureCandidate[];
}
