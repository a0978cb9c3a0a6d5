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

  test('a wrong bind secret says the server refused the sign-in, keeps the form and saves nothing', async ({
    console: page,
    pbx,
    host,
  }, testInfo) => {
    await needKeychain();
    await connectAsOperator(page, host, pbx);
    const { phonebook, form } = await fillServerForm(page, 'not-the-admin-secret');
    await form.getByTestId('ldap-save').click();

    await expect(phonebook.getByTestId('phonebook-refusal')).toHaveText(
      `The directory server at ${new URL(ldap.url).host} refused the sign-in: the bind name or password is wrong.`,
    );
    await page.screenshot({ path: testInfo.outputPath('ldap-refused.png') });
    await expect(form.getByLabel('Server address')).toHaveValue(ldap.url);
    await expect(form.getByLabel('Bind DN')).toHaveValue(ADMIN_DN);
    await expect(phonebook.getByTestId('phonebook-source')).toHaveCount(1);
    expect(await ldapSecretsOf(host)).toEqual([]);
  });
});
