import { Module } from '@nestjs/common';
import { AreasModule } from '../areas/areas.module';
import { AssociationsController } from './associations.controller';
import { AuthoritiesController } from './authorities.controller';
import { OrganisationsRepository } from './organisations.repository';
import { OrganisationsService } from './organisations.service';

@Module({
  imports: [AreasModule],
  controllers: [AssociationsController, AuthoritiesController],
  providers: [OrganisationsRepository, OrganisationsService],
  exports: [OrganisationsRepository],
})
export class OrganisationsModule {}
