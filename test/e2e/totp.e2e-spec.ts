import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHash } from 'node:crypto';
import { authenticator } from 'otplib';
import pino from 'pino';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory';
import { AppError } from '../../src/common/http/app-error';
import { createLogger } from '../../src/common/logging/logger';
import { PostgresThrottlerStorage } from '../../src/common/rate-limit/postgres-throttler.storage';
import { StepUpService } from '../../src/modules/sessions/step-up.service';
import { bearer, Factory, login, PASSWORD, TestUser, Tokens } from '../support/factories';
import { sessionIdOf } from '../support/jwt-forgery';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Second factor (S6): TOTP setup and confirmation, sign-in with a code,
 * step-up, replayed and out-of-window codes, the backoff on wrong codes, the
 * role policy (TOGUNA_REQUIRE_TOTP_ROLES), and the per-address rate limits
 * shared by every API instance through PostgreSQL.
 */

const LOGIN = '/api/v1/auth/login';
const REFRESH = '/api/v1/auth/refresh';
const ME = '/api/v1/auth/me';
const SETUP = '/api/v1/auth/totp/setup';
const ENABLE = '/api/v1/auth/totp/enable';
const STEP_UP = '/api/v1/auth/step-up';
const SESSIONS = '/api/v1/auth/sessions';
const STEP_MS = 30_000;

/** The code an authenticator app shows `offsetSteps` steps from now. */
const codeAt = (secret: string, offsetSteps: number, now = Date.now()): string =>
  authenticator.clone({ epoch: now + offsetSteps * STEP_MS }).generate(secret);

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * A flow uses the codes of the previous, current and next steps: start it
 * early in a step so that the step does not change in the middle.
 */
async function freshStep(): Promise<void> {
  const remaining = STEP_MS - (Date.now() % STEP_MS);
  if (remaining < 15_000) await sleep(remaining + 250);
}

// freshStep() may wait up to 15 s for a new time step.
jest.setTimeout(90_000);

/** Tallies for the S6 summary line. */
const s6 = {
  replayAttempts: 0,
  replayedAccepted: 0,
  outOfWindowAttempts: 0,
  outOfWindowAccepted: 0,
};

describe('TOTP second factor (S6)', () => {
  let t: TestApp;
  let factory: Factory;

  beforeAll(async () => {
    t = await startTestApp();
    factory = new Factory(t.db);
  });
  afterAll(async () => {
    await t.close();
    console.log(
      `S6 TOTP: replayed codes accepted ${s6.replayedAccepted}, out-of-window accepted ${s6.outOfWindowAccepted}` +
        ` (${s6.replayAttempts} replays, ${s6.outOfWindowAttempts} out-of-window codes tried)`,
    );
  });

  /** A user who signed in (before TOTP), set TOTP up and confirmed it with the previous step's code. */
  async function userWithTotp(
    role: 'mediator' | 'coordinator' | 'official' = 'coordinator',
  ): Promise<{ user: TestUser; secret: string; tokens: Tokens }> {
    const user = await factory.user(role);
    const tokens = await login(t.http, user.username);
    const setup = await t.http
      .post(SETUP)
      .set(bearer(tokens.accessToken))
      .send({ password: PASSWORD });
    expect(setup.status).toBe(200);
    const secret = setup.body.secret as string;
    const enable = await t.http
      .post(ENABLE)
      .set(bearer(tokens.accessToken))
      .send({ code: codeAt(secret, -1) });
    expect(enable.status).toBe(204);
    return { user, secret, tokens };
  }

  describe('setup and enable', () => {
    it('returns a secret and an otpauth URL, stores the secret encrypted, and enables on a right code', async () => {
      await freshStep();
      const user = await factory.user('official');
      const tokens = await login(t.http, user.username);

      const setup = await t.http
        .post(SETUP)
        .set(bearer(tokens.accessToken))
        .send({ password: PASSWORD });
      expect(setup.status).toBe(200);
      expect(setup.headers['cache-control']).toBe('no-store');
      expect(Object.keys(setup.body as object).sort()).toEqual(['otpauthUrl', 'secret']);
      const secret = setup.body.secret as string;
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      const url = new URL(setup.body.otpauthUrl as string);
      expect(url.protocol).toBe('otpauth:');
      expect(decodeURIComponent(url.pathname)).toBe(`/Toguna:${user.username}`);
      expect(url.searchParams.get('issuer')).toBe('Toguna');
      expect(url.searchParams.get('secret')).toBe(secret);

      const stored = await t.db.query<{ totp_secret: string; totp_enabled: boolean }>(
        'SELECT totp_secret, totp_enabled FROM app_user WHERE id = $1',
        [user.id],
      );
      expect(stored.rows[0].totp_secret).toMatch(/^enc:v1:/);
      expect(stored.rows[0].totp_secret).not.toContain(secret);
      expect(stored.rows[0].totp_enabled).toBe(false);
      // Not enabled yet: sign-in needs no code, /me says so.
      await login(t.http, user.username);
      const before = await t.http.get(ME).set(bearer(tokens.accessToken));
      expect(before.body.totpEnabled).toBe(false);

      const wrong = await t.http
        .post(ENABLE)
        .set(bearer(tokens.accessToken))
        .send({ code: codeAt(secret, 5) });
      expect(wrong.status).toBe(400);
      expect(wrong.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(wrong.body.code).toBe('invalid_totp');

      const malformed = await t.http
        .post(ENABLE)
        .set(bearer(tokens.accessToken))
        .send({ code: '12ab56' });
      expect(malformed.status).toBe(400);
      expect(malformed.body.code).toBe('validation_failed');

      const ok = await t.http
        .post(ENABLE)
        .set(bearer(tokens.accessToken))
        .send({ code: codeAt(secret, 0) });
      expect(ok.status).toBe(204);
      const after = await t.http.get(ME).set(bearer(tokens.accessToken));
      expect(after.body.totpEnabled).toBe(true);

      const again = await t.http
        .post(SETUP)
        .set(bearer(tokens.accessToken))
        .send({ password: PASSWORD });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('totp_already_enabled');
      expect(again.body.secret).toBeUndefined();
      const reEnable = await t.http
        .post(ENABLE)
        .set(bearer(tokens.accessToken))
        .send({ code: codeAt(secret, 1) });
      expect(reEnable.status).toBe(409);
      expect(reEnable.body.code).toBe('totp_already_enabled');
      // The secret was not replaced by the refused setup.
      const unchanged = await t.db.query<{ totp_secret: string }>(
        'SELECT totp_secret FROM app_user WHERE id = $1',
        [user.id],
      );
      expect(unchanged.rows[0].totp_secret).toBe(stored.rows[0].totp_secret);
    });

    it('refuses enable before any setup with 409 totp_not_enabled, and a step-up without TOTP alike', async () => {
      const user = await factory.user('mediator');
      const tokens = await login(t.http, user.username);
      const enable = await t.http
        .post(ENABLE)
        .set(bearer(tokens.accessToken))
        .send({ code: '123456' });
      expect(enable.status).toBe(409);
      expect(enable.body.code).toBe('totp_not_enabled');
      const stepUp = await t.http
        .post(STEP_UP)
        .set(bearer(tokens.accessToken))
        .send({ code: '123456' });
      expect(stepUp.status).toBe(409);
      expect(stepUp.body.code).toBe('totp_not_enabled');
    });

    it('a new setup replaces an unconfirmed secret: the old one cannot enable', async () => {
      await freshStep();
      const user = await factory.user('coordinator');
      const tokens = await login(t.http, user.username);
      const first = await t.http
        .post(SETUP)
        .set(bearer(tokens.accessToken))
        .send({ password: PASSWORD });
      const second = await t.http
        .post(SETUP)
        .set(bearer(tokens.accessToken))
        .send({ password: PASSWORD });
      expect(second.body.secret).not.toBe(first.body.secret);
      const old = await t.http
        .post(ENABLE)
        .set(bearer(tokens.accessToken))
        .send({ code: codeAt(first.body.secret as string, 0) });
      expect(old.status).toBe(400);
      expect(old.body.code).toBe('invalid_totp');
      const current = await t.http
        .post(ENABLE)
        .set(bearer(tokens.accessToken))
        .send({ code: codeAt(second.body.secret as string, 0) });
      expect(current.status).toBe(204);
    });
  });

  describe('re-authentication before a factor changes (issue 17)', () => {
    it('a session alone cannot enrol an authenticator: setup needs the password, and wrong ones are counted', async () => {
      const user = await factory.user('coordinator');
      const stolen = bearer((await login(t.http, user.username)).accessToken);
      const secretOf = async (): Promise<string | null> =>
        (
          await t.db.query<{ totp_secret: string | null }>(
            'SELECT totp_secret FROM app_user WHERE id = $1',
            [user.id],
          )
        ).rows[0].totp_secret;

      const missing = await t.http.post(SETUP).set(stolen).send({});
      expect(missing.status).toBe(400);
      expect(missing.body.code).toBe('validation_failed');
      expect(new Set(missing.body.errors.map((e: { field: string }) => e.field))).toEqual(
        new Set(['password']),
      );
      for (let i = 0; i < 5; i++) {
        const wrong = await t.http
          .post(SETUP)
          .set(stolen)
          .set('accept-language', 'en')
          .send({ password: `Guess-number-${i}-xyz` });
        expect(wrong.status).toBe(400);
        expect(wrong.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(wrong.body).toMatchObject({
          code: 'wrong_current_password',
          detail: 'The current password is not correct.',
        });
        expect(wrong.body.secret).toBeUndefined();
      }
      // Past five wrong passwords even the right one waits: the session cannot go on guessing.
      const blocked = await t.http.post(SETUP).set(stolen).send({ password: PASSWORD });
      expect(blocked.status).toBe(429);
      expect(blocked.body.code).toBe('too_many_attempts');
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      expect(await secretOf()).toBeNull();
      // Not the sign-in's counter: the owner still signs in.
      await login(t.http, user.username);

      await t.db.query(`DELETE FROM login_throttle WHERE key = $1`, [`password:${user.id}`]);
      const right = await t.http.post(SETUP).set(stolen).send({ password: PASSWORD });
      expect(right.status).toBe(200);
      expect(await secretOf()).toMatch(/^enc:v1:/);
    });

    it('enabling TOTP ends every other session of the account, this one stays', async () => {
      await freshStep();
      const user = await factory.user('official');
      const other = await login(t.http, user.username);
      const mine = await login(t.http, user.username);
      const setup = await t.http
        .post(SETUP)
        .set(bearer(mine.accessToken))
        .send({ password: PASSWORD });
      expect(setup.status).toBe(200);
      // Still alive while TOTP is only being set up.
      expect((await t.http.get(ME).set(bearer(other.accessToken))).status).toBe(200);
      const enable = await t.http
        .post(ENABLE)
        .set(bearer(mine.accessToken))
        .send({ code: codeAt(setup.body.secret as string, 0) });
      expect(enable.status).toBe(204);

      const ended = await t.http.get(ME).set(bearer(other.accessToken));
      expect(ended.status).toBe(401);
      const refresh = await t.http.post(REFRESH).send({ refreshToken: other.refreshToken });
      expect(refresh.status).toBe(401);
      expect((await t.http.get(ME).set(bearer(mine.accessToken))).status).toBe(200);
      const sessions = await t.http.get(SESSIONS).set(bearer(mine.accessToken)).expect(200);
      expect(sessions.body.items).toHaveLength(1);
      const { rows } = await t.db.query<{ details: { count?: number } }>(
        `SELECT details FROM audit_event WHERE action = 'totp.enable' AND entity_id = $1`,
        [user.id],
      );
      expect(rows.map((r) => r.details.count)).toEqual([1]);
    });
  });

  describe('sign-in', () => {
    it('needs the code once TOTP is on: missing → totp_required, wrong → invalid_totp, right → 200', async () => {
      await freshStep();
      const { user, secret } = await userWithTotp();

      const missing = await t.http
        .post(LOGIN)
        .send({ username: user.username, password: PASSWORD });
      expect(missing.status).toBe(401);
      expect(missing.body.code).toBe('totp_required');
      expect(missing.body.accessToken).toBeUndefined();

      const wrong = await t.http
        .post(LOGIN)
        .send({ username: user.username, password: PASSWORD, totp: codeAt(secret, 6) });
      expect(wrong.status).toBe(401);
      expect(wrong.body.code).toBe('invalid_totp');
      expect(wrong.body.accessToken).toBeUndefined();

      const ok = await t.http
        .post(LOGIN)
        .send({ username: user.username, password: PASSWORD, totp: codeAt(secret, 0) });
      expect(ok.status).toBe(200);
      expect(typeof ok.body.accessToken).toBe('string');
      const me = await t.http.get(ME).set(bearer(ok.body.accessToken as string));
      expect(me.status).toBe(200);
      expect(me.body.totpEnabled).toBe(true);
    });

    it('checks the password first: a wrong password with a right code is invalid_credentials and spends nothing', async () => {
      await freshStep();
      const { user, secret } = await userWithTotp();
      const code = codeAt(secret, 0);
      for (const body of [
        { username: user.username, password: 'Wrong-password-123', totp: code },
        { username: user.username, password: 'Wrong-password-123' },
      ]) {
        const res = await t.http.post(LOGIN).send(body);
        expect(res.status).toBe(401);
        expect(res.body.code).toBe('invalid_credentials');
      }
      // The code was not spent by the refused attempt.
      const ok = await t.http
        .post(LOGIN)
        .send({ username: user.username, password: PASSWORD, totp: code });
      expect(ok.status).toBe(200);
    });

    it('counts wrong codes in the per-account backoff: after 5 failures even the right code is refused (429)', async () => {
      await freshStep();
      const { user, secret } = await userWithTotp();
      const right = codeAt(secret, 0);
      const wrongCodes = [2, 3, 4, 5, 6, 7, 8]
        .map((offset) => codeAt(secret, offset))
        .filter((c) => ![-1, 0, 1].some((near) => codeAt(secret, near) === c))
        .slice(0, 5);
      expect(wrongCodes).toHaveLength(5);
      for (const totp of wrongCodes) {
        const res = await t.http
          .post(LOGIN)
          .send({ username: user.username, password: PASSWORD, totp });
        expect(res.status).toBe(401);
        expect(res.body.code).toBe('invalid_totp');
      }
      const blocked = await t.http
        .post(LOGIN)
        .send({ username: user.username, password: PASSWORD, totp: right });
      expect(blocked.status).toBe(429);
      expect(blocked.body.code).toBe('too_many_attempts');
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    });
  });

  describe('replay (S6)', () => {
    it('accepts a code once: sign-in then step-up with the same code → invalid_totp', async () => {
      await freshStep();
      const { user, secret } = await userWithTotp();
      const code = codeAt(secret, 0);
      const first = await t.http
        .post(LOGIN)
        .send({ username: user.username, password: PASSWORD, totp: code });
      expect(first.status).toBe(200);

      s6.replayAttempts++;
      const replay = await t.http
        .post(STEP_UP)
        .set(bearer(first.body.accessToken as string))
        .send({ code });
      if (replay.status < 300) s6.replayedAccepted++;
      expect(replay.status).toBe(400);
      expect(replay.body.code).toBe('invalid_totp');

      // And at sign-in again.
      s6.replayAttempts++;
      const again = await t.http
        .post(LOGIN)
        .send({ username: user.username, password: PASSWORD, totp: code });
      if (again.status < 300) s6.replayedAccepted++;
      expect(again.status).toBe(401);
      expect(again.body.code).toBe('invalid_totp');
    });

    it('accepts a code once: step-up twice with the same code → the second is invalid_totp', async () => {
      await freshStep();
      const { tokens, secret } = await userWithTotp();
      const code = codeAt(secret, 0);
      const first = await t.http.post(STEP_UP).set(bearer(tokens.accessToken)).send({ code });
      expect(first.status).toBe(204);
      s6.replayAttempts++;
      const second = await t.http.post(STEP_UP).set(bearer(tokens.accessToken)).send({ code });
      if (second.status < 300) s6.replayedAccepted++;
      expect(second.status).toBe(400);
      expect(second.body.code).toBe('invalid_totp');
    });

    it('refuses an older code once a later one was used, and the code that enabled TOTP', async () => {
      await freshStep();
      const { user, tokens, secret } = await userWithTotp();
      // The enabling code (previous step) cannot sign in.
      s6.replayAttempts++;
      const enabling = await t.http
        .post(LOGIN)
        .send({ username: user.username, password: PASSWORD, totp: codeAt(secret, -1) });
      if (enabling.status < 300) s6.replayedAccepted++;
      expect(enabling.status).toBe(401);
      expect(enabling.body.code).toBe('invalid_totp');

      const next = await t.http
        .post(STEP_UP)
        .set(bearer(tokens.accessToken))
        .send({ code: codeAt(secret, 1) });
      expect(next.status).toBe(204);
      // The current step's code is still in the window, but older than the one used.
      s6.replayAttempts++;
      const older = await t.http
        .post(STEP_UP)
        .set(bearer(tokens.accessToken))
        .send({ code: codeAt(secret, 0) });
      if (older.status < 300) s6.replayedAccepted++;
      expect(older.status).toBe(400);
      expect(older.body.code).toBe('invalid_totp');
    });

    it('lets exactly one of 10 concurrent uses of one code through (sign-ins and step-ups)', async () => {
      await freshStep();
      const { user, tokens, secret } = await userWithTotp();
      const code = codeAt(secret, 0);
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          i % 2
            ? t.http.post(STEP_UP).set(bearer(tokens.accessToken)).send({ code })
            : t.http.post(LOGIN).send({ username: user.username, password: PASSWORD, totp: code }),
        ),
      );
      const accepted = results.filter((r) => r.status < 300).length;
      s6.replayAttempts += 9;
      s6.replayedAccepted += Math.max(0, accepted - 1);
      expect(accepted).toBe(1);
      for (const r of results.filter((r) => r.status >= 300)) {
        expect(r.body.code).toBe('invalid_totp');
      }
    });
  });

  describe('time window (S6)', () => {
    it('refuses codes 2 and 3 steps in the past or the future, at sign-in and at step-up', async () => {
      await freshStep();
      const { user, tokens, secret } = await userWithTotp();
      const now = Date.now();
      const inWindow = new Set([-1, 0, 1].map((o) => codeAt(secret, o, now)));
      const candidates = [-3, -2, 2, 3]
        .map((offset) => ({ offset, code: codeAt(secret, offset, now) }))
        // A 6-digit code can equal one of the window by chance (3 in 10^6): not a test of the window.
        .filter((c) => !inWindow.has(c.code));

      // Step-up: 4 failures, under the 5 that start the backoff.
      for (const { code } of candidates) {
        s6.outOfWindowAttempts++;
        const res = await t.http.post(STEP_UP).set(bearer(tokens.accessToken)).send({ code });
        if (res.status < 300) s6.outOfWindowAccepted++;
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('invalid_totp');
      }
      // Sign-in: 4 failures for the account, under its threshold of 5.
      for (const { code } of candidates) {
        s6.outOfWindowAttempts++;
        const res = await t.http
          .post(LOGIN)
          .send({ username: user.username, password: PASSWORD, totp: code });
        if (res.status < 300) s6.outOfWindowAccepted++;
        expect(res.status).toBe(401);
        expect(res.body.code).toBe('invalid_totp');
      }
      // None of them moved the last accepted step: the current code still works.
      const ok = await t.http
        .post(LOGIN)
        .send({ username: user.username, password: PASSWORD, totp: codeAt(secret, 0) });
      expect(ok.status).toBe(200);
    });
  });

  describe('step-up', () => {
    it('marks this session only, visible as steppedUpAt in GET /auth/sessions and to StepUpService', async () => {
      await freshStep();
      const { user, tokens, secret } = await userWithTotp();
      const other = await t.http
        .post(LOGIN)
        .send({ username: user.username, password: PASSWORD, totp: codeAt(secret, 0) });
      expect(other.status).toBe(200);

      const before = await t.http.get(SESSIONS).set(bearer(tokens.accessToken));
      expect(before.status).toBe(200);
      for (const s of before.body.items as { steppedUpAt: string | null }[]) {
        expect(s.steppedUpAt).toBeNull();
      }

      const res = await t.http
        .post(STEP_UP)
        .set(bearer(tokens.accessToken))
        .send({ code: codeAt(secret, 1) });
      expect(res.status).toBe(204);

      const after = await t.http.get(SESSIONS).set(bearer(tokens.accessToken));
      const items = after.body.items as {
        id: string;
        current: boolean;
        steppedUpAt: string | null;
      }[];
      const current = items.find((s) => s.current)!;
      const otherItem = items.find((s) => s.id === sessionIdOf(other.body.accessToken as string))!;
      expect(current.steppedUpAt).not.toBeNull();
      expect(Math.abs(Date.parse(current.steppedUpAt!) - Date.now())).toBeLessThan(60_000);
      expect(otherItem.steppedUpAt).toBeNull();

      const stepUps = t.app.get(StepUpService);
      const sessionId = sessionIdOf(tokens.accessToken);
      await expect(stepUps.isSteppedUp(sessionId)).resolves.toBe(true);
      await expect(
        stepUps.isSteppedUp(sessionIdOf(other.body.accessToken as string)),
      ).resolves.toBe(false);

      // Eleven minutes later it is stale: step_up_required.
      await t.db.query(
        "UPDATE session SET stepped_up_at = now() - interval '11 minutes' WHERE id = $1",
        [sessionId],
      );
      await expect(stepUps.isSteppedUp(sessionId)).resolves.toBe(false);
      await expect(stepUps.isSteppedUp(sessionId, 900)).resolves.toBe(true);
      const principal = { userId: user.id, sessionId } as Parameters<
        StepUpService['assertSteppedUp']
      >[0];
      const error = await stepUps.assertSteppedUp(principal).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('step_up_required');
    });

    it('blocks the user after 5 wrong codes on step-up or enable: 429 too_many_attempts with Retry-After', async () => {
      await freshStep();
      const { tokens, secret } = await userWithTotp();
      const wrong = [4, 5, 6, 7, 8, 9, 10]
        .map((o) => codeAt(secret, o))
        .filter((c) => ![-1, 0, 1].some((near) => codeAt(secret, near) === c));
      for (const code of wrong.slice(0, 5)) {
        const res = await t.http.post(STEP_UP).set(bearer(tokens.accessToken)).send({ code });
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('invalid_totp');
      }
      const blocked = await t.http
        .post(STEP_UP)
        .set(bearer(tokens.accessToken))
        .send({ code: codeAt(secret, 0) });
      expect(blocked.status).toBe(429);
      expect(blocked.body.code).toBe('too_many_attempts');
      const retryAfter = Number(blocked.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(30);
      const { rows } = await t.db.query<{ key: string }>(
        "SELECT key FROM login_throttle WHERE key LIKE 'totp:%' AND blocked_until > now()",
      );
      expect(rows.length).toBeGreaterThan(0);
    });
  });
});

describe('TOTP policy by role (TOGUNA_REQUIRE_TOTP_ROLES)', () => {
  let t: TestApp;
  let factory: Factory;

  beforeAll(async () => {
    t = await startTestApp({ TOGUNA_REQUIRE_TOTP_ROLES: 'official' });
    factory = new Factory(t.db);
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses an official without TOTP everything but the account routes, until enabled', async () => {
    await freshStep();
    const official = await factory.user('official');
    const { accessToken } = await login(t.http, official.username);

    const areas = await t.http.get('/api/v1/areas').set(bearer(accessToken));
    expect(areas.status).toBe(403);
    expect(areas.body.code).toBe('totp_setup_required');
    const sessions = await t.http.get(SESSIONS).set(bearer(accessToken));
    expect(sessions.status).toBe(403);
    expect(sessions.body.code).toBe('totp_setup_required');

    const me = await t.http.get(ME).set(bearer(accessToken));
    expect(me.status).toBe(200);
    expect(me.body.totpEnabled).toBe(false);
    const setup = await t.http.post(SETUP).set(bearer(accessToken)).send({ password: PASSWORD });
    expect(setup.status).toBe(200);
    const enable = await t.http
      .post(ENABLE)
      .set(bearer(accessToken))
      .send({ code: codeAt(setup.body.secret as string, 0) });
    expect(enable.status).toBe(204);

    // The same session, on the very next request.
    const open = await t.http.get('/api/v1/areas').set(bearer(accessToken));
    expect(open.status).toBe(200);
  });

  it('lets an official without TOTP log out, and leaves other roles alone', async () => {
    const coordinator = await factory.user('coordinator');
    const c = await login(t.http, coordinator.username);
    expect((await t.http.get('/api/v1/areas').set(bearer(c.accessToken))).status).toBe(200);

    const official = await factory.user('official');
    const o = await login(t.http, official.username);
    expect((await t.http.post('/api/v1/auth/logout').set(bearer(o.accessToken))).status).toBe(204);
  });

  it('an admin resets a lost authenticator: sessions end, the password signs in, a new set-up is required', async () => {
    await freshStep();
    const official = await factory.user('official');
    const first = await login(t.http, official.username);
    const setup = await t.http
      .post(SETUP)
      .set(bearer(first.accessToken))
      .send({ password: PASSWORD });
    const oldSecret = setup.body.secret as string;
    await t.http
      .post(ENABLE)
      .set(bearer(first.accessToken))
      .send({ code: codeAt(oldSecret, -1) })
      .expect(204);
    const admin = await login(t.http, (await factory.user('admin')).username);
    const reset = (id: string, lang = 'en') =>
      t.http
        .delete(`/api/v1/users/${id}/totp`)
        .set(bearer(admin.accessToken))
        .set('Accept-Language', lang);

    const done = await reset(official.id);
    expect(done.status).toBe(204);
    // The phone's session ends on its very next request, and its refresh token is dead.
    const after = await t.http.get(ME).set(bearer(first.accessToken));
    expect(after.status).toBe(401);
    expect((await t.http.post(REFRESH).send({ refreshToken: first.refreshToken })).status).toBe(
      401,
    );
    const { rows } = await t.db.query<{ totp_secret: string | null; totp_enabled: boolean }>(
      'SELECT totp_secret, totp_enabled FROM app_user WHERE id = $1',
      [official.id],
    );
    expect(rows[0]).toEqual({ totp_secret: null, totp_enabled: false });
    const events = await t.db.query<{ details: { count: number; fields: string[] } }>(
      `SELECT details FROM audit_event WHERE action = 'user.totp_reset' AND entity_id = $1`,
      [official.id],
    );
    expect(events.rows).toEqual([{ details: { count: 1, fields: ['totpSecret'] } }]);

    // The password alone signs in (no code asked), and the policy sends them to set-up.
    const again = await t.http
      .post(LOGIN)
      .send({ username: official.username, password: PASSWORD });
    expect(again.status).toBe(200);
    const blocked = await t.http.get('/api/v1/areas').set(bearer(again.body.accessToken));
    expect(blocked.body.code).toBe('totp_setup_required');
    const fresh = await t.http
      .post(SETUP)
      .set(bearer(again.body.accessToken))
      .send({ password: PASSWORD });
    expect(fresh.status).toBe(200);
    expect(fresh.body.secret).not.toBe(oldSecret);
    // Once set up again, the official reads why: the reset is in their notifications.
    await t.http
      .post(ENABLE)
      .set(bearer(again.body.accessToken))
      .send({ code: codeAt(fresh.body.secret as string, 0) })
      .expect(204);
    const notes = await t.http.get('/api/v1/notifications').set(bearer(again.body.accessToken));
    expect(notes.status).toBe(200);
    expect(notes.body.items).toEqual([
      expect.objectContaining({ kind: 'totp_reset', subjectType: 'user', subjectId: official.id }),
    ]);

    // Reset again (TOTP on), then there is nothing left to reset.
    expect((await reset(official.id)).status).toBe(204);
    const nothing = await reset(official.id, 'fr');
    expect(nothing.status).toBe(409);
    expect(nothing.body.code).toBe('totp_not_enabled');
    expect(nothing.body.detail).toBe(
      "Cet utilisateur n'a pas d'application d'authentification à réinitialiser.",
    );
    expect((await reset(crypto.randomUUID())).status).toBe(404);
  });

  it('asks for the password change first', async () => {
    const official = await factory.user('official', { mustChangePassword: true });
    const { accessToken } = await login(t.http, official.username);
    const res = await t.http.get('/api/v1/areas').set(bearer(accessToken));
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('password_change_required');
  });
});

describe('rate limits per address, shared through PostgreSQL', () => {
  let t: TestApp;
  let second: NestFastifyApplication;
  let factory: Factory;

  beforeAll(async () => {
    t = await startTestApp({ TOGUNA_RATE_LIMITS: 'login=4,refresh=3,totp=3' });
    factory = new Factory(t.db);
    // A second API instance on the same database (as behind a load balancer).
    second = await createApp(
      t.config,
      t.databaseUrl,
      createLogger('silent', pino.destination({ dest: '/dev/null', sync: true })),
    );
    await second.getHttpAdapter().getInstance().ready();
  });
  afterAll(async () => {
    await second.close();
    await t.close();
  });

  it('counts failed sign-ins per address on both instances, and never a successful one', async () => {
    const user = await factory.user('mediator');
    const other = request(second.getHttpServer());
    const agents = [t.http, other];
    // Successful sign-ins, more than the ceiling, on both instances: none counts.
    for (let i = 0; i < 6; i++) {
      const res = await agents[i % 2]
        .post(LOGIN)
        .send({ username: user.username, password: PASSWORD });
      expect(res.status).toBe(200);
    }
    // Four failures on four names, spread over the two instances: the ceiling (login=4).
    for (let i = 0; i < 4; i++) {
      const res = await agents[i % 2]
        .post(LOGIN)
        .send({ username: `nobody-${i}-${Date.now()}`, password: 'Not-the-password-1' });
      expect(res.status).toBe(401);
    }
    for (const agent of agents) {
      const res = await agent.post(LOGIN).send({ username: user.username, password: PASSWORD });
      expect(res.status).toBe(429);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toBe('too_many_attempts');
      const retryAfter = Number(res.headers['retry-after']);
      expect(Number.isInteger(retryAfter)).toBe(true);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(15 * 60);
      expect(res.headers['x-ratelimit-limit']).toBeUndefined();
    }
    console.log(
      'Rate limit: login=4 failures per address, 6 sign-ins then 4 failures (across 2 instances) → 429',
    );

    // Routes without @RateLimit are not counted.
    const tokens = await loginDirect(t, user.username);
    for (let i = 0; i < 6; i++) {
      expect((await t.http.get(ME).set(bearer(tokens.accessToken))).status).toBe(200);
    }
  });

  it('limits refresh and the TOTP routes with their own counters', async () => {
    for (let i = 0; i < 3; i++) {
      expect((await t.http.post(REFRESH).send({ refreshToken: `nonsense-${i}` })).status).toBe(401);
    }
    const refresh = await t.http.post(REFRESH).send({ refreshToken: 'nonsense' });
    expect(refresh.status).toBe(429);
    expect(refresh.body.code).toBe('rate_limited');
    expect(Number(refresh.headers['retry-after'])).toBeGreaterThan(0);

    const user = await factory.user('coordinator');
    const { accessToken } = await loginDirect(t, user.username);
    // One counter for setup, enable and step-up together.
    expect(
      (await t.http.post(SETUP).set(bearer(accessToken)).send({ password: PASSWORD })).status,
    ).toBe(200);
    expect(
      (await t.http.post(SETUP).set(bearer(accessToken)).send({ password: PASSWORD })).status,
    ).toBe(200);
    const stepUp = await t.http.post(STEP_UP).set(bearer(accessToken)).send({ code: '000000' });
    expect(stepUp.status).toBe(409);
    const limited = await t.http.post(ENABLE).set(bearer(accessToken)).send({ code: '000000' });
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('stores hashed keys only, no client address', async () => {
    const { rows } = await t.db.query<{ key: string }>('SELECT key FROM rate_limit_hit');
    expect(rows.length).toBeGreaterThan(0);
    for (const { key } of rows) {
      expect(key).toMatch(/^(refresh|totp|verify):[A-Za-z0-9_-]{43}$/);
      expect(key).not.toContain('127.0.0.1');
      // Keyed: a plain hash of an IPv4 address is undone by hashing all 2^32 of them.
      expect(key.split(':')[1]).not.toBe(
        createHash('sha256').update('127.0.0.1').digest('base64url'),
      );
    }
  });

  it('counts atomically under concurrency, blocks past the limit, and starts a new window when one ends', async () => {
    const storage = new PostgresThrottlerStorage(t.app.get(DataSource), () => 1);
    const key = `test:${Date.now()}`;
    const results = await Promise.all(
      Array.from({ length: 40 }, () => storage.increment(key, 60_000, 30, 60_000)),
    );
    const hits = results.map((r) => r.totalHits).sort((a, b) => a - b);
    expect(hits).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(results.filter((r) => r.isBlocked)).toHaveLength(10);
    for (const r of results.filter((r) => r.isBlocked)) {
      expect(r.timeToBlockExpire).toBeGreaterThan(0);
      // now() is each transaction's start: one that waited on the row lock may see 61.
      expect(r.timeToBlockExpire).toBeLessThanOrEqual(61);
    }

    // The window and the block end: the next request starts a new window.
    await t.db.query(
      `UPDATE rate_limit_hit SET window_started_at = now() - interval '61 seconds',
              blocked_until = now() - interval '1 second' WHERE key = $1`,
      [key],
    );
    const fresh = await storage.increment(key, 60_000, 30, 60_000);
    expect(fresh).toMatchObject({ totalHits: 1, isBlocked: false, timeToBlockExpire: 0 });
    expect(fresh.timeToExpire).toBeGreaterThan(55);

    // A window that ended while the key was still blocked stays blocked until the block ends.
    const other = `test-block:${Date.now()}`;
    await storage.increment(other, 1000, 1, 60_000);
    const blocked = await storage.increment(other, 1000, 1, 60_000);
    expect(blocked.isBlocked).toBe(true);
    await sleep(1100);
    const still = await storage.increment(other, 1000, 1, 60_000);
    expect(still.isBlocked).toBe(true);
    expect(still.timeToBlockExpire).toBeGreaterThan(50);
  });
});

/** Signs in, failing the test on anything but 200 (the address's failure budget may be spent). */
async function loginDirect(t: TestApp, username: string): Promise<Tokens> {
  // Cleared for the arrangement only: a successful sign-in itself never uses the budget.
  await t.db.query("DELETE FROM login_throttle WHERE key LIKE 'ip:%'");
  return login(t.http, username);
}
