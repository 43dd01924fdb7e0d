import { Injectable } from '@nestjs/common';
import { MissionOrderCoverageRepository } from './mission-order-coverage.repository';

export interface MissionOrderCoverage {
  status: 'valid' | 'missing';
  /** The user ids without a covering order, sorted. */
  missing: string[];
}

/**
 * Whether every given user holds an approved, unexpired, unrevoked mission
 * order covering a commune (directly or through its cercle or region) over a
 * whole time window. Used by meetings (`missionOrderCoverage`).
 */
@Injectable()
export class MissionOrderCoverageService {
  constructor(private readonly repository: MissionOrderCoverageRepository) {}

  async coverage(
    userIds: string[],
    communeId: string,
    from: Date,
    until: Date,
  ): Promise<MissionOrderCoverage> {
    const unique = [...new Set(userIds)];
    const covered = new Set(await this.repository.coveredUserIds(unique, communeId, from, until));
    const missing = unique.filter((id) => !covered.has(id)).sort();
    return { status: missing.length === 0 ? 'valid' : 'missing', missing };
  }
}
