import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { bearer, Factory, login, TestUser, Tokens } from '../support/factories';
import {
  decodeJwtPayload,
  hs256Token,
  nowSeconds,
  readAccessTokenKey,
  rs256Token,
  sessionIdOf,
  SignOptions,
  signWith,
  unsignedToken,
  withPayload,
} from '../support/jwt-forgery';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * S7: forged, altered or misused tokens on GET /api/v1/auth/me. Every token
 * differs from a token the API would accept in one respect only; the positive
 * control (the same recipe with nothing wrong) proves the verifier works.
 */

const ME = '/api/v1/auth/me';

describe('JWT forgery battery (S7)', () => {
  let t: TestApp;
  let factory: Factory;
  let key: Uint8Array;
  let alice: TestUser;
  let bob: TestUser;
  let aliceTokens: Tokens;
  let aliceSid: string;
  let bobSid: string;
  let revokedSid: string;
  const accepted: string[] = [];
  let tried = 0;

  /** The claims of a token the API would accept for Alice's live session. */
  function good(): SignOptions {
    const now = nowSeconds();
    return {
      alg: 'HS256',
      typ: 'at+jwt',
      iss: t.config.jwtIssuer,
      aud: t.config.jwtAudience,
      sub: alice.id,
      sid: aliceSid,
      iat: now,
      exp: now + 300,
    };
  }

  /** The same claims as a plain payload, for tokens built by hand. */
  function goodPayload(): Record<string, unknown> {
    const c = good();
    return { sid: c.sid, sub: c.sub, iss: c.iss, aud: c.aud, iat: c.iat, exp: c.exp };
  }

  beforeAll(async () => {
    t = await startTestApp();
    factory = new Factory(t.db);
    alice = await factory.user('mediator');
    bob = await factory.user('coordinator');
    aliceTokens = await login(t.http, alice.username);
    aliceSid = sessionIdOf(aliceTokens.accessToken);
    bobSid = sessionIdOf((await login(t.http, bob.username)).accessToken);
    const ended = await login(t.http, alice.username);
    revokedSid = sessionIdOf(ended.accessToken);
    await t.http.post('/api/v1/auth/logout').set(bearer(ended.accessToken)).expect(204);
    key = readAccessTokenKey(t.config.keysDir);
  });

  afterAll(async () => {
    console.log(
      `S7 JWT forgery battery: ${tried} forged tokens, ${accepted.length} accepted` +
        (accepted.length ? ` (${accepted.join(', ')})` : ''),
    );
    await t.close();
  });

  it('positive control: a token signed with the real key and the right claims is accepted', async () => {
    // The login's own token first: the recipe below must match it.
    const real = decodeJwtPayload(aliceTokens.accessToken);
    expect(real).toMatchObject({
      sub: alice.id,
      sid: aliceSid,
      iss: t.config.jwtIssuer,
      aud: t.config.jwtAudience,
    });

    const token = await signWith(key, good());
    const res = await t.http.get(ME).set(bearer(token));
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(alice.id);
  });

  it('positive control for the hand-built tokens: HS256 by hand with the real key, and a payload re-encoded unchanged, are accepted', async () => {
    const byHand = hs256Token({ typ: 'at+jwt' }, goodPayload(), Buffer.from(key));
    expect((await t.http.get(ME).set(bearer(byHand))).status).toBe(200);

    const reencoded = withPayload(
      aliceTokens.accessToken,
      decodeJwtPayload(aliceTokens.accessToken),
    );
    expect((await t.http.get(ME).set(bearer(reencoded))).status).toBe(200);
  });

  const forgeries: [string, () => string | Promise<string>][] = [
    [
      'alg: none, empty signature',
      () => unsignedToken({ alg: 'none', typ: 'at+jwt' }, goodPayload()),
    ],
    [
      'alg: none with the real signature kept',
      async () => {
        const real = await signWith(key, good());
        const [, payload, signature] = real.split('.');
        const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'at+jwt' })).toString(
          'base64url',
        );
        return `${header}.${payload}.${signature}`;
      },
    ],
    [
      'HS256 signed with a wrong secret',
      () => hs256Token({ typ: 'at+jwt' }, goodPayload(), randomBytes(32)),
    ],
    [
      'RS256 signed with a freshly generated RSA key',
      () => {
        const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
        return rs256Token({ typ: 'at+jwt' }, goodPayload(), privateKey);
      },
    ],
    [
      'HS256 whose secret is an RSA public key PEM (HS/RS confusion)',
      () => {
        const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
        const pem = publicKey.export({ type: 'spki', format: 'pem' });
        return hs256Token({ typ: 'at+jwt' }, goodPayload(), pem);
      },
    ],
    [
      'HS512 with the real key (algorithm not pinned)',
      () => signWith(key, { ...good(), alg: 'HS512' }),
    ],
    [
      'expired (real key, exp one minute ago)',
      () => {
        const now = nowSeconds();
        return signWith(key, { ...good(), iat: now - 120, exp: now - 60 });
      },
    ],
    ['wrong aud (real key)', () => signWith(key, { ...good(), aud: 'some-other-api' })],
    ['wrong iss (real key)', () => signWith(key, { ...good(), iss: 'https://evil.example' })],
    ['header typ JWT instead of at+jwt (real key)', () => signWith(key, { ...good(), typ: 'JWT' })],
    ['header typ missing (real key)', () => signWith(key, { ...good(), typ: null })],
    ['no sid claim (real key)', () => signWith(key, { ...good(), sid: undefined })],
    [
      'a revoked session (real key, otherwise valid)',
      () => signWith(key, { ...good(), sid: revokedSid }),
    ],
    [
      'another user’s session id under my sub (real key)',
      () => signWith(key, { ...good(), sid: bobSid }),
    ],
    ['the refresh token used as a bearer access token', () => aliceTokens.refreshToken],
    [
      'a real access token with the payload changed to another user (signature kept)',
      () =>
        withPayload(aliceTokens.accessToken, {
          ...decodeJwtPayload(aliceTokens.accessToken),
          sub: bob.id,
          sid: bobSid,
        }),
    ],
  ];

  it.each(forgeries)('refuses %s with 401 unauthenticated', async (name, forge) => {
    const token = await forge();
    tried++;
    const res = await t.http.get(ME).set(bearer(token));
    if (res.status === 200) accepted.push(name);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('unauthenticated');
    expect(res.body.id).toBeUndefined();
  });

  it('still accepts the real session after the battery (nothing above revoked it by accident)', async () => {
    const res = await t.http.get(ME).set(bearer(aliceTokens.accessToken));
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(alice.id);
  });
});
