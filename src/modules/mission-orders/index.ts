/** What the mission-orders feature offers the features above it; the rest of its files are its own. */
export type { CoverageQuestion } from './mission-order-coverage.repository';
export { MissionOrderCoverageService } from './mission-order-coverage.service';
export { MissionOrdersModule } from './mission-orders.module';
