import { Injectable } from '@nestjs/common';
import {
  CoverageQuestion,
  MissionOrderCoverageRepository,
} from './mission-order-coverage.repository';

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
    const [one] = await this.coverageOfMany([{ userIds, communeId, from, until }]);
    return one;
  }

  /** The coverage of each question, in order, from one query. */
  async coverageOfMany(questions: CoverageQuestion[]): Promise<MissionOrderCoverage[]> {
    const covered = await this.repository.coveredUserIds(questions);
    return questions.map((q, i) => {
      const missing = [...new Set(q.userIds)].filter((id) => !covered[i].has(id)).sort();
      return { status: missing.length === 0 ? 'valid' : 'missing', missing };
    });
  }
}
