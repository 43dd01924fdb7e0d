import { authenticator } from 'otplib';
import { FieldCipher } from '../../src/common/crypto/field-cipher';
import { bearer, Factory, login, PASSWORD, TestUser } from './factories';
import { TestApp } from './test-app';

const STEP_MS = 30_000;

/** Gives a user a legal name and ID-document number, encrypted as the API stores them. */
export async function giveLegalIdentity(
  t: TestApp,
  userId: string,
  legalName: string,
  idDocumentNumber: string,
): Promise<void> {
  const cipher = t.app.get(FieldCipher);
  await t.db.query('UPDATE app_user SET legal_name = $2, id_document_number = $3 WHERE id = $1', [
    userId,
    cipher.encrypt(legalName, { table: 'app_user', column: 'legal_name', rowId: userId }),
    cipher.encrypt(idDocumentNumber, {
      table: 'app_user',
      column: 'id_document_number',
      rowId: userId,
    }),
  ]);
}

/** Marks every live session of a user as stepped up now (arranging, not the TOTP flow). */
export async function markSteppedUp(t: TestApp, userId: string): Promise<void> {
  await t.db.query(
    'UPDATE session SET stepped_up_at = now() WHERE user_id = $1 AND revoked_at IS NULL',
    [userId],
  );
}

/** Enables TOTP for a signed-in user and steps up with a real code (the full flow). */
export async function enableTotpAndStepUp(t: TestApp, accessToken: string): Promise<void> {
  // Use the codes of one time step: start early enough in it.
  const remaining = STEP_MS - (Date.now() % STEP_MS);
  if (remaining < 10_000) await new Promise((r) => setTimeout(r, remaining + 250));
  const setup = await t.http
    .post('/api/v1/auth/totp/setup')
    .set(bearer(accessToken))
    .send({ password: PASSWORD });
  if (setup.status !== 200) throw new Error(`totp setup: ${setup.status}`);
  const secret = setup.body.secret as string;
  const codeAt = (offset: number): string =>
    authenticator.clone({ epoch: Date.now() + offset * STEP_MS }).generate(secret);
  const enable = await t.http
    .post('/api/v1/auth/totp/enable')
    .set(bearer(accessToken))
    .send({ code: codeAt(-1) });
  if (enable.status !== 204) throw new Error(`totp enable: ${enable.status}`);
  const stepUp = await t.http
    .post('/api/v1/auth/step-up')
    .set(bearer(accessToken))
    .send({ code: codeAt(0) });
  if (stepUp.status !== 204) throw new Error(`step-up: ${stepUp.status}`);
}

export interface MissionOrderWorld {
  associationId: string;
  coordinator: TestUser;
  mediator: TestUser;
  official: TestUser;
  authorityId: string;
  authorityName: string;
  cercleId: string;
  communeId: string;
  tokens: { coordinator: string; mediator: string; official: string };
}

/** An association (coordinator, mediator with legal identity) and an authority over a cercle. */
export async function missionOrderWorld(
  t: TestApp,
  factory: Factory,
  cercle = 'Koro',
  commune = 'Dinangourou',
): Promise<MissionOrderWorld> {
  const cercleId = await factory.areaId(cercle, 'cercle');
  const communeId = await factory.areaId(commune, 'commune');
  const authority = await factory.authority({ areaIds: [cercleId] });
  const associationId = (await factory.association()).id;
  const coordinator = await factory.user('coordinator', { associationId });
  const mediator = await factory.user('mediator', { associationId });
  const official = await factory.user('official', { authorityId: authority.id });
  await giveLegalIdentity(t, mediator.id, 'Aïssata Diallo', 'ML-CNI-0042-7781');
  return {
    associationId,
    coordinator,
    mediator,
    official,
    authorityId: authority.id,
    authorityName: authority.name,
    cercleId,
    communeId,
    tokens: {
      coordinator: (await login(t.http, coordinator.username)).accessToken,
      mediator: (await login(t.http, mediator.username)).accessToken,
      official: (await login(t.http, official.username)).accessToken,
    },
  };
}

export function orderBody(
  w: MissionOrderWorld,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const from = new Date(Date.now() - 3_600_000);
  const until = new Date(Date.now() + 30 * 86_400_000);
  return {
    authorityId: w.authorityId,
    holderUserIds: [w.mediator.id],
    areaIds: [w.communeId],
    purpose: 'Médiation entre éleveurs et agriculteurs',
    validFrom: from.toISOString(),
    validUntil: until.toISOString(),
    ...overrides,
  };
}
