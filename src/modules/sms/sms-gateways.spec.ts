import { Webhook } from 'standardwebhooks';
import { SmsConfig } from '../../config/app-config';
import {
  gatewayAuthenticated,
  gatewayEnabled,
  SignedRequest,
  twilioSignature,
} from './sms-gateways';

const SECRET = `whsec_${Buffer.from('a test secret of thirty-two bytes').toString('base64')}`;
const config: SmsConfig = {
  secret: SECRET,
  gateway: 'generic',
  africasTalkingToken: 'at-token-0123456789abcdefghijkl',
  twilioAuthToken: '12345',
  publicUrl: 'https://mycompany.com',
};

const request = (over: Partial<SignedRequest>): SignedRequest => ({
  rawBody: '',
  headers: {},
  url: '/',
  query: {},
  body: {},
  ...over,
});

describe('SMS gateways', () => {
  it("computes Twilio's signature as its documentation does", () => {
    const params = {
      CallSid: 'CA1234567890ABCDE',
      Caller: '+14158675309',
      Digits: '1234',
      From: '+14158675309',
      To: '+18005551212',
    };
    expect(twilioSignature('12345', 'https://mycompany.com/myapp.php?foo=1&bar=2', params)).toBe(
      'RSOYDt4T1cUTdK1PDd93/VVr8B8=',
    );
    const signed = request({
      url: '/myapp.php?foo=1&bar=2',
      body: params,
      headers: { 'x-twilio-signature': 'RSOYDt4T1cUTdK1PDd93/VVr8B8=' },
    });
    expect(gatewayAuthenticated(config, 'twilio', signed)).toBe(true);
    expect(
      gatewayAuthenticated(config, 'twilio', { ...signed, body: { ...params, Digits: '1235' } }),
    ).toBe(false);
  });

  it('checks Standard Webhooks signatures over the raw body, within five minutes', () => {
    const body =
      '{"id":"1","from":"+22376123456","text":"AIDE","receivedAt":"2027-01-01T00:00:00Z"}';
    const headers = (at: Date, secret = SECRET) => ({
      'webhook-id': 'msg_1',
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': new Webhook(secret).sign('msg_1', at, body),
    });
    const now = new Date();
    expect(
      gatewayAuthenticated(config, 'generic', request({ rawBody: body, headers: headers(now) })),
    ).toBe(true);
    expect(
      gatewayAuthenticated(
        config,
        'generic',
        request({ rawBody: `${body} `, headers: headers(now) }),
      ),
    ).toBe(false);
    const stale = new Date(now.getTime() - 6 * 60_000);
    expect(
      gatewayAuthenticated(config, 'generic', request({ rawBody: body, headers: headers(stale) })),
    ).toBe(false);
    expect(gatewayAuthenticated(config, 'generic', request({ rawBody: body }))).toBe(false);
  });

  it('compares URL tokens exactly; a gateway without its secret is off', () => {
    const token = config.africasTalkingToken as string;
    expect(gatewayAuthenticated(config, 'africastalking', request({ query: { token } }))).toBe(
      true,
    );
    for (const wrong of [`${token}x`, token.slice(1), '', ['a'], undefined]) {
      expect(
        gatewayAuthenticated(config, 'africastalking', request({ query: { token: wrong } })),
      ).toBe(false);
    }
    expect(gatewayEnabled(config, 'rapidpro')).toBe(false);
    expect(gatewayEnabled(config, 'africastalking')).toBe(true);
  });
});
