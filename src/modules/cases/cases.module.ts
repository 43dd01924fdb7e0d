import { Module } from '@nestjs/common';
import { RegistryModule } from '../registry/registry.module';
import { CasesController } from './cases.controller';
import { CasesRepository } from './cases.repository';
import { CasesService } from './cases.service';

/** Dialogue cases: create, list, read, update, status transitions, history. */
@Module({
  imports: [RegistryModule],
  controllers: [CasesController],
  providers: [CasesRepository, CasesService],
  exports: [CasesRepository, CasesService],
})
export class CasesModule {}
