/** What the sessions feature offers the features above it; the rest of its files are its own. */
export { SessionsModule } from './sessions.module';
export { SessionsRepository } from './sessions.repository';
export { StepUpService } from './step-up.service';
export { TrustedDevicesRepository } from './trusted-devices.repository';
