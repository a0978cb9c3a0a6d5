import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MethodChannel, InputOf, IpcResult, ResultOf } from '../../src-preload/contract';
import { ProfileDraftSchema } from '../../src-shared/profile';
import { createGatekeeper, type Sender } from '../ipc/gatekeeper';
import { KeytarVault } from '../profiles/vault';
import { createMainServices } from '../services';
import { startSimulatedPbx, type SimulatedPbx } from '../sim';
import { ldapSecretAccount } from './directory-service';
import {
  ADMIN_DN,
  ADMIN_SECRET,
  PEOPLE_DN,
  seededPeople,
  startTestLdapServer,
  type TestLdapServer,
} from './testing/slapd';

const window: Sender = { id: 'w', send: () => {}, onClosed: () => {} };
const vault = new KeytarVault();
const keychain = await vault.probe();
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
let ldap: TestLdapServer;
beforeAll(async () => {
  ldap = await startTestLdapServer(seededPeople(500));
}, 60_000);
afterAll(async () => {
  await ldap?.stop();
});

/**
 * The real main services behind the real gatekeeper, logged in to a fresh simulated PBX;
 * `beforeLogin` gets the PBX going before the operator logs in.
 */
async function loggedIn(beforeLogin: (sim: SimulatedPbx) => void = () => {}) {
  const userDataDir = await mkdtemp(join(tmpdir(), 'switchboard-directory-services-'));
  cleanups.push(() => rm(userDataDir, { recursive: true, force: true }));
  const log: string[] = [];
  /** How many times main said the phonebook's entries changed. */
  let directoryChanges = 0;
  const services = createMainServices({
    broadcast: (channel) => {
      if (channel === 'directory:changed') directoryChanges++;
    },
    log: { warn: (m) => log.push(m), error: (m, e) => log.push(`${m} ${String(e)}`) },
    demoScenario: 'none',
    userDataDir,
    vault,
  });
  cleanups.push(() => services.dispose());
  const sim = await startSimulatedPbx({ port: 0 });
  cleanups.push(() => sim.close());
  const dispatch = createGatekeeper(services.handlers, { warn: (m) => log.push(m), error: (m) => log.push(m) });
  const call = async <C extends MethodChannel>(channel: C, args?: InputOf<C>) =>
    (await dispatch(channel, args, window)) as IpcResult<ResultOf<C>>;
  const value = async <C extends MethodChannel>(channel: C, args?: InputOf<C>) => {
    const result = await call(channel, args);
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.value;
  };
  const draft = ProfileDraftSchema.parse({
    displayName: 'Office',
    host: '127.0.0.1',
    port: sim.port,
    username: 'demo',
  });
  const profile = await value('profiles:create', draft);
  cleanups.push(() => vault.delete(profile.id).catch(() => undefined));
  beforeLogin(sim);
  expect(await value('session:connect', { profileId: profile.id, secret: 'demo' })).toMatchObject({
    kind: 'connected',
  });
  const names = async (query: string) =>
    (await value('directory:search', { query })).entries.map((entry) => entry.name);
  return { call, value, names, profileId: profile.id, userDataDir, sim, log, directoryChanges: () => directoryChanges };
}

/** Lamps changing without pause, as on a busy PBX: one of a few phones every 50-100 ms, until the test ends. */
function keepLampsChanging(sim: SimulatedPbx) {
  let step = 0;
  let timer: NodeJS.Timeout;
  const next = () => {
    step++;
    sim.setDeviceState(`PJSIP/${101 + (step % 4)}`, step % 8 < 4 ? 'INUSE' : 'NOT_INUSE');
    timer = setTimeout(next, 50 + (step % 6) * 10);
  };
  next();
  cleanups.push(async () => clearTimeout(timer));
}

const STAFF_CSV = [
  'Full name;Company;Department;Work phone;Mobile',
  'Łukasz Wróbel;Żabka Logistics;Dispatch;+1 (202) 555-0143;',
  ';Acme;Sales;202 555 0100;',
  'Zoë Ångström;Acme;Legal;not a number;',
  '"Park, Lucy";Acme;Sales;202 555 0199;+1 303 555 0199',
].join('\r\n');

describe('the phonebook through the contract', () => {
  it('lists everyone the PBX knows, by the PBX’s names, with their extension', async () => {
    const { value } = await loggedIn();
    const tiles = Object.values((await value('picture:subscribe')).picture.extensions);
    const named = tiles.find((tile) => tile.name !== '')!;
    await expect
      .poll(async () => (await value('directory:search', { query: named.name })).entries[0], { timeout: 10_000 })
      .toMatchObject({ name: named.name, extension: named.id, source: { kind: 'pbx' } });
    expect((await value('directory:overview')).sources[0]).toMatchObject({ kind: 'pbx', contacts: tiles.length });
  });

  it('notes the PBX’s users within a second while the lamps change every 50-100 ms, and a name changed meanwhile', async () => {
    const { value, names, profileId, directoryChanges } = await loggedIn(keepLampsChanging);
    await expect.poll(() => names('Grace'), { timeout: 1_500, interval: 50 }).toEqual(['Grace Hall']);

    // Lamps alone change no entry: main does not send the page asking again.
    const changesAfterNoting = directoryChanges();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(directoryChanges()).toBe(changesAfterNoting);

    await value('profiles:update', {
      id: profileId,
      changes: { board: { ownNames: { '107@internal': 'Zebulon Quartz' } } },
    });
    await expect.poll(() => names('Zebulon'), { timeout: 1_500, interval: 50 }).toEqual(['Zebulon Quartz']);
    expect(await names('Grace')).toEqual([]);
    expect(directoryChanges()).toBe(changesAfterNoting + 1);
  });

  it('writes the PBX’s users no more at the next login when the PBX names the same people', async () => {
    const { value, names, profileId, directoryChanges } = await loggedIn();
    await expect.poll(() => names('Grace'), { timeout: 1_500, interval: 50 }).toEqual(['Grace Hall']);
    const changesAfterNoting = directoryChanges();

    await value('session:disconnect');
    expect(await value('session:connect', { profileId, secret: 'demo' })).toMatchObject({ kind: 'connected' });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(directoryChanges()).toBe(changesAfterNoting);
    expect(await names('Grace')).toEqual(['Grace Hall']);
  });

  it('imports a CSV file through the mapping step and reports the two bad rows and why', async () => {
    const { value, names } = await loggedIn();
    const preview = await value('directory:previewCsv', { text: STAFF_CSV });
    expect(preview).toEqual({
      columns: ['Full name', 'Company', 'Department', 'Work phone', 'Mobile'],
      suggested: { name: 0, company: 1, department: 2, phone: 3, mobile: 4 },
      rows: 4,
    });
    const report = await value('directory:importCsv', {
      fileName: 'staff.csv',
      text: STAFF_CSV,
      mapping: preview.suggested,
    });
    expect(report).toEqual({
      imported: 2,
      skipped: [
        { line: 3, reason: { reason: 'rowHasNoName', values: {} } },
        { line: 4, reason: { reason: 'notPhoneNumber', values: { number: 'not a number' } } },
      ],
    });
    expect(await names('lukasz')).toEqual(['Łukasz Wróbel']);
    expect(await names('2025550199')).toEqual(['Park, Lucy']);
    expect((await value('directory:lookup', { number: '12025550143' }))?.company).toBe('Żabka Logistics');
  });

  it('imports nothing from a file it cannot read, and keeps the last import of that file', async () => {
    const { call, value, names } = await loggedIn();
    const mapping = { name: 0, company: 1, department: 2, phone: 3, mobile: 4 };
    await value('directory:importCsv', { fileName: 'staff.csv', text: STAFF_CSV, mapping });
    const broken = `${STAFF_CSV}\r\n"Never closed;Acme;;;`;
    const refused = await call('directory:importCsv', { fileName: 'staff.csv', text: broken, mapping });
    expect(refused).toEqual({
      ok: false,
      error: {
        code: 'importRefused',
        message:
          'The file cannot be read as CSV: a quoted field that starts on line 6 never ends. Nothing was imported.',
        refusal: { reason: 'csvQuoteNeverEnds', values: { line: 6 } },
      },
    });
    expect(await names('lukasz')).toEqual(['Łukasz Wróbel']);
  });

  it('imports a vCard file, and none of one whose last card is not closed', async () => {
    const { call, value, names } = await loggedIn();
    const cards = [
      'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Søren Kierkegaard\r\nORG:Acme;Philosophy\r\nTEL;TYPE=CELL:+45 20 12 34 56\r\nEND:VCARD',
      'BEGIN:VCARD\r\nVERSION:4.0\r\nN:李;娜;;;\r\nFN:李娜\r\nTEL;TYPE=work:tel:+86-10-6552-0000\r\nEND:VCARD',
    ].join('\r\n');
    expect(await value('directory:importVcard', { fileName: 'cards.vcf', text: cards })).toEqual({
      imported: 2,
      skipped: [],
    });
    expect(await names('soren')).toEqual(['Søren Kierkegaard']);
    expect(await names('娜')).toEqual(['李娜']);
    const unclosed = await call('directory:importVcard', {
      fileName: 'more.vcf',
      text: 'BEGIN:VCARD\r\nFN:Anna Smith\r\nEND:VCARD\r\nBEGIN:VCARD\r\nFN:Mark Jones\r\n',
    });
    expect(unclosed).toMatchObject({ ok: false, error: { code: 'importRefused' } });
    expect(await names('anna smith')).toEqual([]);
  });

  it('refuses a search with a line break, and bounds every page', async () => {
    const { call } = await loggedIn();
    expect(await call('directory:search', { query: 'a\r\nb' })).toMatchObject({
      ok: false,
      error: { code: 'invalidArgument' },
    });
    expect(await call('directory:search', { query: 'a', limit: 5000 })).toMatchObject({
      ok: false,
      error: { code: 'invalidArgument' },
    });
  });
});

describe.skipIf(keychain.kind !== 'available')('an LDAP source through the contract, with the real keychain', () => {
  const settings = () => ({
    url: ldap.url,
    security: 'starttls' as const,
    caCertificate: ldap.caCertificate,
    bindDn: ADMIN_DN,
    baseDn: PEOPLE_DN,
    filter: '(objectClass=inetOrgPerson)',
    attributes: { name: 'displayName', phone: 'telephoneNumber', mobile: 'mobile', company: 'o', department: 'ou' },
  });

  it('reads 500 people over StartTLS; the bind secret is in the keychain and nowhere in the database', async () => {
    const { value, names, profileId, userDataDir } = await loggedIn();
    expect(await value('directory:saveLdap', { settings: settings(), secret: ADMIN_SECRET })).toEqual({
      imported: 500,
      skipped: [],
    });
    expect(await names('lukasz wrobel 0')).toEqual(['Łukasz Wróbel 0']);
    expect(await names('赵磊6')).toEqual(['赵磊6', '赵磊66']);
    expect((await value('directory:search', { query: '박지훈', limit: 50 })).entries).toHaveLength(50);
    const [source] = (await value('directory:overview')).sources.filter((candidate) => candidate.kind === 'ldap');
    expect(source).toMatchObject({ contacts: 500, ldap: { bindDn: ADMIN_DN } });
    expect(await vault.get(ldapSecretAccount(profileId, source!.id))).toBe(ADMIN_SECRET);
    const folder = join(userDataDir, 'directory');
    for (const file of await readdir(folder))
      expect(await readFile(join(folder, file), 'latin1')).not.toContain(ADMIN_SECRET);
    expect(await value('directory:refreshLdap', { id: source!.id })).toMatchObject({ imported: 500 });
  });

  it('says plainly when the bind secret is wrong, and when the server cannot be reached', async () => {
    const { call } = await loggedIn();
    const wrong = await call('directory:saveLdap', { settings: settings(), secret: 'not-the-secret' });
    expect(wrong).toEqual({
      ok: false,
      error: {
        code: 'authFailed',
        message: `The directory server at ${new URL(ldap.url).host} refused the sign-in: the bind name or password is wrong.`,
        refusal: { reason: 'bindRefused', values: { where: new URL(ldap.url).host } },
      },
    });
    const away = await call('directory:saveLdap', {
      settings: { ...settings(), url: 'ldap://127.0.0.1:9' },
      secret: ADMIN_SECRET,
    });
    expect(away).toEqual({
      ok: false,
      error: {
        code: 'unreachable',
        message: 'Nothing answers at 127.0.0.1:9: the directory server is not reachable.',
        refusal: { reason: 'serverUnreachable', values: { where: '127.0.0.1:9' } },
      },
    });
  });
});
