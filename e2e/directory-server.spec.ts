import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import { databasePath } from '../src-main/directory/database';
import {
  ADMIN_DN,
  ADMIN_SECRET,
  PEOPLE_DN,
  seededPeople,
  startTestLdapServer,
  type TestLdapServer,
} from '../src-main/directory/testing/slapd';
import type { KeytarApi } from '../src-main/profiles/vault';
import type { BrowserHost } from '../src-main/browser-host';
import { E2E_VAULT_SERVICE, expect, test } from './fixtures';
import { connectAsOperator } from './operator';

const keytar = createRequire(import.meta.url)('keytar') as KeytarApi & {
  findCredentials(service: string): Promise<{ account: string; password: string }[]>;
};
/** Twelve people: European names with accents, Chinese and Korean ones. */
const PEOPLE = seededPeople(12);
const SOREN = PEOPLE[3]!;

let ldap: TestLdapServer;
test.beforeAll(async () => {
  ldap = await startTestLdapServer(PEOPLE);
});
test.afterAll(async () => {
  await ldap?.stop();
});

/** Skips unless a Secret Service answers here (it does under scripts/with-keyring.sh). */
async function needKeychain(): Promise<void> {
  const reachable = await keytar.getPassword(E2E_VAULT_SERVICE, 'probe').then(
    () => true,
    () => false,
  );
  test.skip(
    !reachable,
    'SKIPPED: no Secret Service is reachable; run with scripts/with-keyring.sh npx playwright test e2e/directory-server.spec.ts',
  );
}

/** The logged-in profile's LDAP bind secrets in the keychain: account and secret. */
async function ldapSecretsOf(host: BrowserHost) {
  const profile = await host.services.desktop.profileInUse();
  const prefix = `${profile?.id}/ldap/`;
  return (await keytar.findCredentials(E2E_VAULT_SERVICE)).filter((entry) => entry.account.startsWith(prefix));
}

/** Opens the phonebook's directory-server form and types the server in, as the receptionist would. */
async function fillServerForm(page: Page, bindSecret: string) {
  await page.getByTestId('open-phonebook').click();
  const phonebook = page.getByTestId('phonebook');
  await phonebook.getByTestId('phonebook-ldap').click();
  const form = phonebook.getByTestId('ldap-form');
  await form.getByLabel('Server address').fill(ldap.url);
  await expect(form.getByLabel('Security')).toHaveValue('starttls');
  await form.getByLabel('CA certificate (PEM)').fill(ldap.caCertificate);
  await form.getByLabel('Base DN').fill(PEOPLE_DN);
  await form.getByLabel('Filter').fill('(objectClass=inetOrgPerson)');
  await form.getByLabel('Bind DN').fill(ADMIN_DN);
  await form.getByLabel('Bind secret').fill(bindSecret);
  return { phonebook, form };
}

test.describe('a directory server added through the phonebook', () => {
  test('its people are found in the dial box; the bind secret is in the keychain, not the database', async ({
    console: page,
    pbx,
    host,
    userDataDir,
    mainLog,
  }, testInfo) => {
    await needKeychain();
    await connectAsOperator(page, host, pbx);
    const { phonebook, form } = await fillServerForm(page, ADMIN_SECRET);
    await page.screenshot({ path: testInfo.outputPath('ldap-form.png') });
    await form.getByTestId('ldap-save').click();

    await expect(phonebook.getByTestId('phonebook-said')).toHaveText(
      `The directory server answered: ${PEOPLE.length} contacts read.`,
    );
    const source = phonebook.getByTestId('phonebook-source').filter({ hasText: new URL(ldap.url).host });
    await expect(source.getByTestId('source-count')).toHaveText(`${PEOPLE.length} contacts`);
    await page.screenshot({ path: testInfo.outputPath('ldap-saved.png') });
    const secrets = await ldapSecretsOf(host);
    expect(secrets.map((entry) => entry.password)).toEqual([ADMIN_SECRET]);
    const profile = await host.services.desktop.profileInUse();
    const file = databasePath(userDataDir, profile!.id);
    const onDisk = Buffer.concat([await readFile(file), await readFile(`${file}-wal`).catch(() => Buffer.alloc(0))]);
    expect(onDisk.includes(ADMIN_SECRET)).toBe(false);
    expect(mainLog.join('\n')).not.toContain(ADMIN_SECRET);
    await phonebook.getByTestId('phonebook-close').click();

    // Accents ignored, part of each word: Søren is found by what a receptionist types.
    await page.getByTestId('dial-box').fill('soren wrob');
    const suggestion = page.getByTestId('directory-suggestion');
    await expect(suggestion).toHaveCount(1);
    await expect(suggestion).toContainText(SOREN.name);
    await expect(suggestion.getByTestId('directory-source')).toHaveText(new URL(ldap.url).host);
    await page.screenshot({ path: testInfo.outputPath('ldap-found.png') });
  });

  // The two screens a reception desk has: the form is read, refused and fixed without scrolling to Save.
  for (const size of [
    { width: 1280, height: 820 },
    { width: 1366, height: 768 },
  ])
    test(`at ${size.width}x${size.height} a wrong bind secret is said beside the bind secret, which keeps what was typed; Save stays in view and nothing is saved`, async ({
      console: page,
      pbx,
      host,
      mainLog,
    }, testInfo) => {
      await needKeychain();
      await page.setViewportSize(size);
      await connectAsOperator(page, host, pbx);
      const typedSecret = 'not-the-admin-secret';
      const { phonebook, form } = await fillServerForm(page, typedSecret);
      const save = form.getByTestId('ldap-save');
      const cancel = form.getByTestId('ldap-cancel');
      await page.screenshot({ path: testInfo.outputPath(`ldap-form-${size.width}x${size.height}.png`) });
      await expect(save).toBeInViewport();
      await expect(cancel).toBeInViewport();
      const widthBefore = (await phonebook.boundingBox())!.width;

      const secretField = form.getByLabel('Bind secret');
      await secretField.press('Enter');
      const refused = `The directory server at ${new URL(ldap.url).host} refused the sign-in: the bind name or password is wrong.`;
      const said = form.locator('[data-field-error="secret"]');
      await expect(said).toHaveText(refused);
      await page.screenshot({ path: testInfo.outputPath(`ldap-refused-${size.width}x${size.height}.png`) });
      await expect(secretField).toBeFocused();
      await expect(secretField).toHaveAccessibleDescription(refused);
      await expect(secretField).toHaveValue(typedSecret);
      await expect(said).toBeInViewport();
      // Right under the field it is about, not at the top of the dialog.
      await expect
        .poll(async () => {
          const [field, words] = [await secretField.boundingBox(), await said.boundingBox()];
          return field && words ? Math.round(words.y - (field.y + field.height)) : undefined;
        })
        .toBeLessThanOrEqual(8);
      await expect(phonebook.getByTestId('phonebook-refusal')).toHaveCount(0);
      await expect(save).toBeInViewport();
      await expect(cancel).toBeInViewport();
      // Nothing lies over it either: a click would land on it.
      await save.click({ trial: true });
      await expect.poll(async () => (await phonebook.boundingBox())?.width).toBe(widthBefore);
      await expect(form.getByLabel('Server address')).toHaveValue(ldap.url);
      await expect(form.getByLabel('Bind DN')).toHaveValue(ADMIN_DN);
      await expect(form.getByLabel('Base DN')).toHaveValue(PEOPLE_DN);
      await expect(phonebook.getByTestId('phonebook-source')).toHaveCount(1);
      expect(await ldapSecretsOf(host)).toEqual([]);
      expect(mainLog.join('\n')).not.toContain(typedSecret);

      // Escape in a field gives the form up, as Cancel does; the phonebook stays open.
      await secretField.press('Escape');
      await expect(form).toHaveCount(0);
      await expect(phonebook).toBeVisible();
      await expect(phonebook.getByTestId('phonebook-ldap')).toBeFocused();
      expect(await ldapSecretsOf(host)).toEqual([]);
    });

  test('a server that does not answer is said beside the server address, and focus goes there', async ({
    console: page,
    pbx,
    host,
  }) => {
    await needKeychain();
    await connectAsOperator(page, host, pbx);
    const { phonebook, form } = await fillServerForm(page, ADMIN_SECRET);
    const address = form.getByLabel('Server address');
    await address.fill('ldap://127.0.0.1:9');
    await form.getByTestId('ldap-save').click();

    const refused = 'Nothing answers at 127.0.0.1:9: the directory server is not reachable.';
    await expect(form.locator('[data-field-error="settings.url"]')).toHaveText(refused);
    await expect(address).toBeFocused();
    await expect(address).toHaveAccessibleDescription(refused);
    await expect(form.getByLabel('Bind secret')).toHaveValue(ADMIN_SECRET);
    await expect(phonebook.getByTestId('phonebook-refusal')).toHaveCount(0);
    await form.getByTestId('ldap-cancel').click();
    await expect(form).toHaveCount(0);
    await expect(phonebook.getByTestId('phonebook-source')).toHaveCount(1);
  });
});
