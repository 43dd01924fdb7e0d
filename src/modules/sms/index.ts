/** What the SMS feature offers the application; the rest of its files are its own. */
export { SmsModule } from './sms.module';
export { registerSmsBodyParsers } from './sms-body-parsers';
export { SMS_INBOUND_PREFIX } from './sms-gateways';
