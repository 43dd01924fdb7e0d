import { Module } from '@nestjs/common';
import { AccessModule } from '../../common/access/access.module';
import { DashboardController } from './dashboard.controller';
import { DashboardRepository } from './dashboard.repository';
import { DashboardService } from './dashboard.service';

/** Accord health for many accords, in SQL: the dashboard and the aggregated statistics. */
@Module({
  imports: [AccessModule],
  controllers: [DashboardController],
  providers: [DashboardRepository, DashboardService],
})
export class DashboardModule {}
