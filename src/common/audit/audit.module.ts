import { Global, Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AuditRepository } from './audit.repository';
import { AuditSequencer } from './audit-sequencer';
import { AuditService } from './audit.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditEvent } from './audit-event.entity';

/** The tables this module owns. */
const ENTITIES = [AuditEvent];

/**
 * The tamper-evident audit trail: AuditService for every module (global),
 * AuditSequencer sealing written events into the chain,
 * GET /api/v1/audit and /api/v1/audit/verify. The request context it reads
 * the actor from is started by registerRequestContext (request-context.ts).
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature(ENTITIES)],
  controllers: [AuditController],
  providers: [AuditRepository, AuditService, AuditSequencer],
  exports: [AuditService, AuditSequencer],
})
export class AuditModule {
  static readonly entities = ENTITIES;
}
