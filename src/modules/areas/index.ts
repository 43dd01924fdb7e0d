/** What the areas feature offers the features above it; the rest of its files are its own. */
export { Area } from './area.entity';
export { AreasModule } from './areas.module';
export { AreasRepository } from './areas.repository';
