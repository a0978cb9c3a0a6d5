import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CredentialService } from './credentials';
import { ProfileStore } from './profile-store';
import { NO_KEYCHAIN } from './testing/vaults';
import { KeytarVault, VAULT_SERVICE, VaultUnavailableError, type KeytarApi } from './vault';

/**
 * The real-keychain tests need a Secret Service: run them with
 *   scripts/with-keyring.sh npx vitest run src-main/profiles
 * Without one they are skipped loudly; CI sets SWITCHBOARD_REQUIRE_KEYCHAIN=1 to make that a failure.
 */
const keychain = await new KeytarVault().probe();
const keychainRequired = process.env['SWITCHBOARD_REQUIRE_KEYCHAIN'] === '1';
const noKeychainNotice =
  `No Secret Service is reachable from this test process (${keychain.kind === 'unavailable' ? keychain.reason.values.keychain : ''}). ` +
  'The real-keychain vault tests did not run. Run them with: scripts/with-keyring.sh npx vitest run src-main/profiles';
if (keychain.kind === 'unavailable' && !keychainRequired) {
  console.warn(`\n${'!'.repeat(100)}\nSKIPPED: ${noKeychainNotice}\n${'!'.repeat(100)}\n`);
}

const execFileAsync = promisify(execFile);
/** keytar itself, to check what really is in the keychain; only loaded when a keychain is there. */
const realKeytar = (): KeytarApi => createRequire(import.meta.url)('keytar') as KeytarApi;

describe('keychain for the vault tests', () => {
  it.runIf(keychain.kind === 'unavailable' && keychainRequired)(
    'is reachable, as SWITCHBOARD_REQUIRE_KEYCHAIN=1 demands',
    () => {
      expect.fail(noKeychainNotice);
    },
  );
});

describe.runIf(keychain.kind === 'available')('KeytarVault against a real Secret Service', () => {
  let dir: string;
  let store: ProfileStore;
  const createdIds: string[] = [];
  const keytar = realKeytar();

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'switchboard-vault-'));
    store = new ProfileStore({ userDataDir: dir });
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  afterAll(async () => {
    for (const id of createdIds) await keytar.deletePassword(VAULT_SERVICE, id);
  });

  async function newProfileId(name = 'Front desk'): Promise<string> {
    const profile = await store.create({ displayName: name, host: 'pbx.example.org', username: 'reception' });
    createdIds.push(profile.id);
    return profile.id;
  }

  it('reports the keychain as available', async () => {
    expect(await new KeytarVault().probe()).toEqual({ kind: 'available' });
  });

  it('stores, reads, replaces and deletes a secret under service "Switchboard" and the profile id', async () => {
    const vault = new KeytarVault();
    const id = await newProfileId();
    expect(await vault.get(id)).toBeUndefined();
    await vault.set(id, 'first secret ✓');
    expect(await keytar.getPassword('Switchboard', id)).toBe('first secret ✓');
    expect(await vault.get(id)).toBe('first secret ✓');
    await vault.set(id, 'second');
    expect(await vault.get(id)).toBe('second');
    await vault.delete(id);
    expect(await vault.get(id)).toBeUndefined();
    await expect(vault.delete(id)).resolves.toBeUndefined();
  });

  it('keeps the saved secret when the profile is renamed, and never gives it for another host', async () => {
    const credentials = new CredentialService({ vault: new KeytarVault(), profiles: store });
    const id = await newProfileId();
    expect(await credentials.saveSecret(id, 's3cret', true)).toEqual({ kind: 'remembered' });
    await store.update(id, { displayName: 'Reception' });
    credentials.dropSessionSecrets();
    expect(await credentials.hasSavedSecret(id)).toBe(true);
    expect(await credentials.secretForConnect(id)).toEqual({ kind: 'secret', secret: 's3cret', source: 'vault' });

    // Moved by a path that skipped the editor's forgetIfRepointed: the keychain entry names the old server.
    await store.update(id, { host: 'pbx2.example.org' });
    expect(await credentials.hasSavedSecret(id)).toBe(false);
    expect(await credentials.secretForConnect(id)).toMatchObject({ kind: 'needsSecret' });
    expect(await keytar.getPassword(VAULT_SERVICE, id)).toBeNull();
  });

  it('deletes the secret from the keychain when the profile is deleted, and only that one', async () => {
    const credentials = new CredentialService({ vault: new KeytarVault(), profiles: store });
    const doomed = await newProfileId('Doomed');
    const kept = await newProfileId('Kept');
    await credentials.saveSecret(doomed, 'doomed secret', true);
    await credentials.saveSecret(kept, 'kept secret', true);
    expect(await credentials.deleteProfile(doomed)).toEqual({ kind: 'deleted' });
    expect(await keytar.getPassword(VAULT_SERVICE, doomed)).toBeNull();
    expect(await keytar.getPassword(VAULT_SERVICE, kept)).toContain('"secret":"kept secret"');
  });

  it('fails closed with a plain message and stores nothing when no Secret Service is running', async () => {
    const id = await newProfileId();
    const secret = `never-stored-${id}`;
    const child = fileURLToPath(new URL('./vault-fail-closed.child.ts', import.meta.url));
    const { stdout, stderr } = await execFileAsync(process.execPath, ['--import', 'tsx', child], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      env: {
        ...process.env,
        DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/switchboard-test-bus',
        FAIL_CLOSED_USER_DATA_DIR: dir,
        FAIL_CLOSED_PROFILE_ID: id,
        FAIL_CLOSED_SECRET: secret,
      },
      timeout: 30_000,
    });
    expect(JSON.parse(stdout)).toEqual({
      probe: { kind: 'unavailable', reason: NO_KEYCHAIN },
      saved: { kind: 'notRemembered', reason: NO_KEYCHAIN },
      hasSavedSecret: false,
      connectSource: 'session',
      connectSecretMatches: true,
      afterLogout: { kind: 'needsSecret', said: NO_KEYCHAIN },
    });
    expect(stdout + stderr).not.toContain(secret);
    expect(await keytar.getPassword(VAULT_SERVICE, id)).toBeNull();
    expect(await keytar.getPassword(VAULT_SERVICE, 'switchboard-keychain-probe')).toBeNull();
  });
});

describe('KeytarVault error handling (no keychain needed)', () => {
  const libsecretNoService = new Error('Could not connect: No such file or directory');

  function fakeKeytar(overrides: Partial<KeytarApi>): () => KeytarApi {
    return () => ({
      getPassword: async () => null,
      setPassword: async () => undefined,
      deletePassword: async () => true,
      ...overrides,
    });
  }

  it('turns "no Secret Service" into VaultUnavailableError with the plain message', async () => {
    const vault = new KeytarVault({
      loadKeytar: fakeKeytar({ setPassword: () => Promise.reject(libsecretNoService) }),
    });
    const error = await vault.set('id', 's3cret').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(VaultUnavailableError);
    expect(error).toMatchObject({
      said: NO_KEYCHAIN,
      message: expect.stringContaining('No keychain is available on this computer'),
      detail: 'Could not connect: No such file or directory',
    });
  });

  it('never carries the secret in the error, even if the keychain quoted it', async () => {
    const vault = new KeytarVault({
      loadKeytar: fakeKeytar({
        setPassword: (_s, _a, password) => Promise.reject(new Error(`cannot store "${password}": locked`)),
      }),
    });
    const error = (await vault.set('id', 'hunter2').catch((caught: unknown) => caught)) as VaultUnavailableError;
    expect(error.detail).toBe('cannot store "[secret]": locked');
    expect(`${error.message} ${error.detail} ${error.stack}`).not.toContain('hunter2');
    expect(error.said).toEqual({ reason: 'keychainUnavailable', values: { keychain: 'refused' } });
    expect(error.message).toMatch(/may be locked.*can't be remembered/);
  });

  it('reports itself unavailable, without throwing at load, when keytar is missing', async () => {
    const vault = new KeytarVault({
      loadKeytar: () => {
        throw new Error("Cannot find module 'keytar'");
      },
    });
    expect(await vault.probe()).toEqual({
      kind: 'unavailable',
      reason: { reason: 'keychainUnavailable', values: { keychain: 'noSupport' } },
    });
    await expect(vault.get('id')).rejects.toBeInstanceOf(VaultUnavailableError);
  });

  it('answers undefined for a profile with no saved secret', async () => {
    expect(await new KeytarVault({ loadKeytar: fakeKeytar({}) }).get('id')).toBeUndefined();
  });
});
