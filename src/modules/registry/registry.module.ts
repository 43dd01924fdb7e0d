import { Module } from '@nestjs/common';
import { AccessModule } from '../../common/access/access.module';
import { CasesModule } from '../cases';
import { NotificationsModule } from '../notifications';
import { RegistryController } from './registry.controller';
import { RegistryRepository } from './registry.repository';
import { RegistryService } from './registry.service';

/** The coordination registry: other associations' active cases per commune, and coordination requests. */
@Module({
  imports: [AccessModule, CasesModule, NotificationsModule],
  controllers: [RegistryController],
  providers: [RegistryRepository, RegistryService],
})
export class RegistryModule {}
