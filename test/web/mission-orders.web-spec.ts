import { readFileSync } from 'node:fs';
import { authenticator } from 'otplib';
import { bearer, login } from '../support/factories';
import { CredentialClaims } from '../../src/modules/mission-orders/credential';
import { MissionOrderSigningService } from '../../src/modules/mission-orders/mission-order-signing.service';
import { giveLegalIdentity } from '../support/mission-orders';
import { captureScreen, newPerson, openScreen, signIn } from './support/browser';
import { PASSWORD, webWorld } from './support/web-stack';

const STEP_MS = 30_000;
/** The TOTP code of an absolute time step (a code is accepted once, steps must increase). */
const codeOf = (secret: string, step: number): string =>
  authenticator.clone({ epoch: step * STEP_MS }).generate(secret);

/** A Fulfulde name with the letters the standard PDF fonts lack. */
const HOLDER = 'Aïssata Ɗɛmɓɛlɛ Ɲaŋa';

describe('mission order screens', () => {
  const world = webWorld();

  beforeAll(async () => {
    await giveLegalIdentity(world.stack.api, world.cast.mediator.id, HOLDER, 'ML-CNI-0042-7781');
  });

  it('is requested by a mediator, approved by an official with step-up, and verified at a checkpoint', async () => {
    const { stack, cast, browser } = world;
    // The mediator asks for an order for themself.
    const mediator = await newPerson(browser, stack.baseURL);
    await signIn(mediator.page, cast.mediator.username);
    await openScreen(mediator.page, '/mission-orders/new');
    const m = mediator.page;
    await m
      .getByLabel('Autorité qui délivre l’ordre')
      .selectOption({ label: 'Préfecture de Koro' });
    await m.getByLabel('Dinangourou', { exact: true }).check();
    await m.getByLabel('Objet de la mission').fill('Médiation entre éleveurs et agriculteurs');
    await captureScreen(m, 'mission-orders-new');
    await m.getByRole('button', { name: 'Envoyer la demande' }).click();
    await m.getByText(/Demande envoyée : OM-/).waitFor();
    // The request is in the mediator's own list, waiting for the official.
    await openScreen(m, '/mission-orders');
    await m.getByTestId('order-card').first().waitFor();
    await captureScreen(m, 'mission-orders-list');
    await mediator.context.close();

    // The official turns on TOTP (arranged through the API), at the start of a time step.
    const remaining = STEP_MS - (Date.now() % STEP_MS);
    if (remaining < 25_000) await new Promise((r) => setTimeout(r, remaining + 250));
    const step = Math.floor(Date.now() / STEP_MS);
    const token = (await login(stack.api.http, cast.official.username)).accessToken;
    const setup = await stack.api.http
      .post('/api/v1/auth/totp/setup')
      .set(bearer(token))
      .send({ password: PASSWORD });
    const secret = setup.body.secret as string;
    const enable = await stack.api.http
      .post('/api/v1/auth/totp/enable')
      .set(bearer(token))
      .send({ code: codeOf(secret, step - 1) });
    expect(enable.status).toBe(204);

    // Signing in now asks for the code.
    const official = await newPerson(browser, stack.baseURL);
    const o = official.page;
    await o.goto('/');
    await o.getByLabel("Nom d'utilisateur").fill(cast.official.username);
    await o.getByLabel('Mot de passe').fill(PASSWORD);
    await o.getByRole('button', { name: 'Se connecter' }).click();
    await o.getByLabel('Code de vérification (application TOTP)').fill(codeOf(secret, step));
    await o.getByRole('button', { name: 'Se connecter' }).click();
    await o.getByRole('heading', { name: 'Demandes d’ordres de mission' }).waitFor();
    const card = o.getByTestId('order-card').first();
    await card.waitFor();
    await captureScreen(o, 'mission-orders-inbox');
    await card.getByRole('link').click();
    await o.getByRole('heading', { name: /Ordre de mission OM-/ }).waitFor();

    // Approving needs a fresh check: the code is asked, then the approval goes through.
    await o.getByRole('button', { name: 'Approuver' }).click();
    await o.getByLabel('Code de vérification').fill(codeOf(secret, step + 1));
    await o.getByRole('button', { name: 'Confirmer et approuver' }).click();
    await o.getByTestId('order-status').getByText('Approuvé').waitFor();
    const tokenBox = o.getByTestId('credential-token');
    await tokenBox.waitFor();
    const credential = await tokenBox.inputValue();
    expect(credential.split('.')).toHaveLength(3);
    await captureScreen(o, 'mission-orders-page');

    const [download] = await Promise.all([
      o.waitForEvent('download'),
      o.getByRole('button', { name: 'Télécharger le PDF' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^ordre-de-mission-OM-.*\.pdf$/);
    const pdf = readFileSync(await download.path());
    expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');
    await official.context.close();

    // At a checkpoint, signed out: the token is valid; altered by one character it is not.
    const soldier = await newPerson(browser, stack.baseURL);
    const s = soldier.page;
    await openScreen(s, '/verify');
    await captureScreen(s, 'verify');
    await s.getByLabel('Jeton de l’ordre de mission').fill(credential);
    await s.getByRole('button', { name: 'Vérifier', exact: true }).click();
    const verdict = s.getByTestId('verdict');
    await verdict.waitFor();
    await expect(verdict.getAttribute('data-valid')).resolves.toBe('true');
    await expect(verdict.textContent()).resolves.toContain('VALIDE');
    await expect(verdict.textContent()).resolves.toContain(HOLDER);
    await expect(verdict.textContent()).resolves.toContain('ML-CNI-0042-7781');
    await captureScreen(s, 'verify-valid');

    const [head, body, signature] = credential.split('.');
    const i = Math.floor(signature.length / 2);
    const altered = `${head}.${body}.${signature.slice(0, i)}${signature[i] === 'A' ? 'B' : 'A'}${signature.slice(i + 1)}`;
    await s.getByLabel('Jeton de l’ordre de mission').fill(altered);
    await s.getByRole('button', { name: 'Vérifier', exact: true }).click();
    await s.locator('[data-testid="verdict"][data-valid="false"]').waitFor();
    await expect(verdict.textContent()).resolves.toContain('INVALIDE');
    await captureScreen(s, 'verify-invalid');

    // Without a network, the device checks the signature with the keys it kept.
    await soldier.context.setOffline(true);
    await s.getByLabel('Jeton de l’ordre de mission').fill(credential);
    await s.getByRole('button', { name: 'Vérifier', exact: true }).click();
    await s.locator('[data-testid="verdict"][data-valid="true"]').waitFor();
    await expect(verdict.textContent()).resolves.toContain('sans connexion');
    await expect(verdict.textContent()).resolves.toContain(HOLDER);
    await s.getByLabel('Jeton de l’ordre de mission').fill(altered);
    await s.getByRole('button', { name: 'Vérifier', exact: true }).click();
    await s.locator('[data-testid="verdict"][data-valid="false"]').waitFor();

    // A credential signed before credential ids existed: its revocation is unknown offline.
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown>;
    const { jti, ...withoutId } = claims;
    expect(jti).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const older = await stack.api.app
      .get(MissionOrderSigningService)
      .sign(withoutId as unknown as CredentialClaims);
    await s.getByLabel('Jeton de l’ordre de mission').fill(older);
    await s.getByRole('button', { name: 'Vérifier', exact: true }).click();
    await s.getByTestId('revocation-unknown').waitFor();

    // Revoked (arranged in SQL), the list kept online says so offline, by the credential's id.
    await soldier.context.setOffline(false);
    await stack.api.db.query(
      `UPDATE mission_order SET status = 'revoked', revoked_at = now() WHERE order_number = $1`,
      [claims.orderNumber],
    );
    // Opened again with a connection, the page keeps the new list.
    await s.reload();
    await s.waitForFunction(
      () =>
        (
          JSON.parse(localStorage.getItem('toguna.missionOrderKeys.v2') ?? '{"revoked":[]}') as {
            revoked: string[];
          }
        ).revoked.length > 0,
    );
    await soldier.context.setOffline(true);
    await s.getByLabel('Jeton de l’ordre de mission').fill(credential);
    await s.getByRole('button', { name: 'Vérifier', exact: true }).click();
    await s.locator('[data-testid="verdict"][data-valid="false"]').waitFor();
    await expect(verdict.textContent()).resolves.toContain('Ordre révoqué');
    await expect(verdict.textContent()).resolves.toContain('sans connexion');
    await soldier.context.close();
  });
});
