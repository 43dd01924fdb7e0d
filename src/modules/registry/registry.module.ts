import { Module } from '@nestjs/common';
import { AccessModule } from '../../common/access/access.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { RegistryController } from './registry.controller';
import { RegistryRepository } from './registry.repository';
import { RegistryService } from './registry.service';

/** The coordination registry: other associations' active cases per commune, and coordination requests. */
@Module({
  imports: [AccessModule, NotificationsModule],
  controllers: [RegistryController],
  providers: [RegistryRepository, RegistryService],
  exports: [RegistryRepository],
})
export class RegistryModule {}
