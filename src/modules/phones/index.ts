/** What the phones feature offers the features above it; the rest of its files are its own. */
export { PhonesModule } from './phones.module';
export { PhonesService } from './phones.service';
export { PhonesRepository } from './phones.repository';
export type { SenderRow } from './phones.repository';
