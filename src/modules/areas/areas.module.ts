import { Module } from '@nestjs/common';
import { AreasController } from './areas.controller';
import { AreasRepository } from './areas.repository';
import { AreasService } from './areas.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Area } from './area.entity';
import './areas.errors';

/** The tables this module owns. */
const ENTITIES = [Area];

@Module({
  imports: [TypeOrmModule.forFeature(ENTITIES)],
  controllers: [AreasController],
  providers: [AreasRepository, AreasService],
  exports: [AreasRepository],
})
export class AreasModule {
  static readonly entities = ENTITIES;
}
