import { FieldCipher } from '../../src/common/crypto/field-cipher';
import { bearer, login } from '../support/factories';
import { TEST_SMS_SECRET } from '../support/sms-gateway';
import { acceptNextDialog, captureScreen, newPerson, openScreen, signIn } from './support/browser';
import { webWorld } from './support/web-stack';

/**
 * SMS numbers on the account page, as a mediator without data in the field
 * sets them up before leaving: add a number typed the Malian way, verify it
 * with the code the SMS brought, turn reminders off, remove the number.
 */
describe('my numbers for SMS', () => {
  const world = webWorld({ TOGUNA_SMS_SECRET: TEST_SMS_SECRET });

  /** The last verification code queued for sending (the SMS the phone would get). */
  async function lastCode(): Promise<string> {
    const { rows } = await world.stack.api.db.query<{ id: string; text: string }>(
      `SELECT id, text FROM sms_outbox WHERE purpose = 'verification' ORDER BY created_at DESC LIMIT 1`,
    );
    const text = world.stack.api.app
      .get(FieldCipher)
      .decrypt(rows[0].text, { table: 'sms_outbox', column: 'text', rowId: rows[0].id });
    return /\d{6}/.exec(text)![0];
  }

  it('adds a number, verifies it with the code, turns reminders off and removes it', async () => {
    const { context, page } = await newPerson(world.browser, world.stack.baseURL);
    await signIn(page, world.cast.mediator.username);
    await openScreen(page, '/account');
    await page.getByRole('heading', { name: 'Mes numéros pour les SMS' }).waitFor();
    await page.getByText('Aucun numéro enregistré.').waitFor();

    // A number that is not one is refused by the API, in words.
    await page.getByLabel('Nouveau numéro').fill('12');
    await page.getByRole('button', { name: 'Ajouter ce numéro' }).click();
    await page.getByRole('alert').filter({ hasText: 'Numéro de téléphone invalide' }).waitFor();

    await page.getByLabel('Nouveau numéro').fill('76 12 34 56');
    await page.getByRole('button', { name: 'Ajouter ce numéro' }).click();
    const phone = page.getByTestId('phone');
    await phone.getByText('+223 ** ** 34 56').waitFor();
    await phone.getByText('En attente du code').waitFor();
    await captureScreen(page, 'account-phones');

    await page.getByLabel('Code à 6 chiffres reçu par SMS').fill(await lastCode());
    await page.getByRole('button', { name: 'Vérifier' }).click();
    await phone.getByText('Vérifié').waitFor();

    const reminders = page.getByLabel(/Recevoir les rappels de suivi par SMS/);
    await expect(reminders.isChecked()).resolves.toBe(true);
    await reminders.uncheck();
    const token = (await login(world.stack.api.http, world.cast.mediator.username)).accessToken;
    const choice = async (): Promise<unknown> =>
      (await world.stack.api.http.get('/api/v1/me/sms-reminders').set(bearer(token))).body;
    for (let i = 0; i < 50 && JSON.stringify(await choice()) !== '{"enabled":false}'; i++)
      await page.waitForTimeout(100);
    expect(await choice()).toEqual({ enabled: false });
    await expect(reminders.isChecked()).resolves.toBe(false);

    acceptNextDialog(page);
    await page.getByRole('button', { name: 'Retirer ce numéro' }).click();
    await page.getByText('Aucun numéro enregistré.').waitFor();
    await context.close();
  });
});
