import { Module } from '@nestjs/common';
import { AreasModule } from '../areas';
import { AssociationsController } from './associations.controller';
import { AuthoritiesController } from './authorities.controller';
import { OrganisationsRepository } from './organisations.repository';
import { OrganisationsService } from './organisations.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Association } from './association.entity';
import { Authority } from './authority.entity';

/** The tables this module owns. */
const ENTITIES = [Association, Authority];

@Module({
  imports: [TypeOrmModule.forFeature(ENTITIES), AreasModule],
  controllers: [AssociationsController, AuthoritiesController],
  providers: [OrganisationsRepository, OrganisationsService],
  exports: [OrganisationsRepository],
})
export class OrganisationsModule {
  static readonly entities = ENTITIES;
}
