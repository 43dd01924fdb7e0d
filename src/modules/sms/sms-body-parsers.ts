import { errorCodes, FastifyInstance } from 'fastify';
import { SMS_INBOUND_PREFIX } from './sms-gateways';

/**
 * Keeps the body as received on the SMS routes (signatures are over the raw
 * bytes), and reads the form posts of the gateways that send forms
 * (Africa's Talking, Twilio, RapidPro). Anywhere else a form is refused
 * (415), as before.
 */
export function registerSmsBodyParsers(fastify: FastifyInstance): void {
  const json = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (request.url.startsWith(SMS_INBOUND_PREFIX)) request.rawBody = body as string;
    void json(request, body as string, done);
  });
  fastify.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (request, body, done) => {
      if (!request.url.startsWith(SMS_INBOUND_PREFIX)) {
        done(new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE(request.headers['content-type']));
        return;
      }
      request.rawBody = body as string;
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    },
  );
}
