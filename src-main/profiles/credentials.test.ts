import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CredentialService } from './credentials';
import { ProfileStore } from './profile-store';
import { secretTargetOf, type UserProfile } from '../../src-shared/profile';
import { refusal } from '../../src-shared/refusals';
import { sealSavedSecret } from './saved-secret';
import { MapVault, NO_KEYCHAIN, UnreachableVault } from './testing/vaults';
import { VAULT_SERVICE } from './vault';

let dir: string;
let store: ProfileStore;
let profile: UserProfile;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'switchboard-credentials-'));
  store = new ProfileStore({ userDataDir: dir });
  profile = await store.create({ displayName: 'Front desk', host: 'pbx.example.org', username: 'reception' });
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('CredentialService with a keychain', () => {
  it('remembers a secret, reports it as saved, and connects with it after log out', async () => {
    const vault = new MapVault();
    const credentials = new CredentialService({ vault, profiles: store });
    expect(await credentials.hasSavedSecret(profile.id)).toBe(false);
    expect(await credentials.saveSecret(profile.id, 's3cret', true)).toEqual({ kind: 'remembered' });
    expect(vault.secretOf(profile.id)).toBe('s3cret');
    expect(await credentials.hasSavedSecret(profile.id)).toBe(true);

    credentials.dropSessionSecrets();
    expect(await credentials.secretForConnect(profile.id)).toEqual({
      kind: 'secret',
      secret: 's3cret',
      source: 'vault',
    });
  });

  it('keeps a secret typed without "remember" for this session only, and forgets an earlier saved one', async () => {
    const vault = new MapVault();
    vault.secrets.set(profile.id, sealSavedSecret('old', secretTargetOf(profile)));
    const credentials = new CredentialService({ vault, profiles: store });
    expect(await credentials.saveSecret(profile.id, 'typed', false)).toEqual({ kind: 'sessionOnly' });
    expect(vault.secrets.has(profile.id)).toBe(false);
    expect(await credentials.hasSavedSecret(profile.id)).toBe(false);
    expect(await credentials.secretForConnect(profile.id)).toEqual({
      kind: 'secret',
      secret: 'typed',
      source: 'session',
    });

    credentials.dropSessionSecrets();
    expect(await credentials.secretForConnect(profile.id)).toMatchObject({ kind: 'needsSecret' });
  });

  it('prefers a secret typed now over the session one and the saved one, and keeps it for reconnects', async () => {
    const vault = new MapVault();
    vault.secrets.set(profile.id, sealSavedSecret('saved', secretTargetOf(profile)));
    const credentials = new CredentialService({ vault, profiles: store });
    expect(await credentials.secretForConnect(profile.id, 'typed now')).toEqual({
      kind: 'secret',
      secret: 'typed now',
      source: 'typed',
    });
    expect(await credentials.secretForConnect(profile.id)).toEqual({
      kind: 'secret',
      secret: 'typed now',
      source: 'session',
    });
  });

  it('asks for the secret in plain words when none is saved or typed', async () => {
    const credentials = new CredentialService({ vault: new MapVault(), profiles: store });
    expect(await credentials.secretForConnect(profile.id)).toEqual({
      kind: 'needsSecret',
      said: refusal('noSecretSaved', {}),
    });
  });

  it('forgets a secret from the keychain and from the session', async () => {
    const vault = new MapVault();
    const credentials = new CredentialService({ vault, profiles: store });
    await credentials.saveSecret(profile.id, 's3cret', true);
    expect(await credentials.forgetSecret(profile.id)).toEqual({ kind: 'forgotten' });
    expect(vault.secrets.size).toBe(0);
    expect(await credentials.secretForConnect(profile.id)).toMatchObject({ kind: 'needsSecret' });
  });

  it('deletes the secret with the profile', async () => {
    const vault = new MapVault();
    const credentials = new CredentialService({ vault, profiles: store });
    await credentials.saveSecret(profile.id, 's3cret', true);
    expect(await credentials.deleteProfile(profile.id)).toEqual({ kind: 'deleted' });
    expect(vault.secrets.size).toBe(0);
    expect(await store.get(profile.id)).toBeUndefined();
    expect(await credentials.deleteProfile(profile.id)).toEqual({ kind: 'alreadyGone' });
  });

  it('keeps the secret when the profile is renamed', async () => {
    const credentials = new CredentialService({ vault: new MapVault(), profiles: store });
    await credentials.saveSecret(profile.id, 's3cret', true);
    await store.update(profile.id, { displayName: 'Reception' });
    credentials.dropSessionSecrets();
    expect(await credentials.secretForConnect(profile.id)).toEqual({
      kind: 'secret',
      secret: 's3cret',
      source: 'vault',
    });
  });

  it.each([
    ['the host', { host: 'pbx2.example.org' }],
    ['the port', { port: 5039 }],
    ['TLS', { tls: { enabled: true } }],
    ['the login method', { authType: 'plain' }],
  ] as const)(
    'never gives a saved secret for a server it was not saved for, when %s changed by a path that skipped the editor',
    async (_what, changes) => {
      const vault = new MapVault();
      const credentials = new CredentialService({ vault, profiles: store });
      await credentials.saveSecret(profile.id, 's3cret', true);
      // The profiles file re-pointed underneath the service (another process, an import): no forgetIfRepointed ran.
      await store.update(profile.id, { displayName: 'Reception', ...changes });
      credentials.dropSessionSecrets();
      expect(await credentials.hasSavedSecret(profile.id)).toBe(false);
      expect(await credentials.secretForConnect(profile.id)).toEqual({
        kind: 'needsSecret',
        said: refusal('secretForAnotherServer', {}),
      });
      expect(vault.secrets.has(profile.id), 'the entry is deleted from the keychain').toBe(false);
    },
  );

  it('does not use a keychain entry that names no server (saved before secrets were bound to one)', async () => {
    const vault = new MapVault();
    vault.secrets.set(profile.id, 's3cret');
    const credentials = new CredentialService({ vault, profiles: store });
    expect(await credentials.hasSavedSecret(profile.id)).toBe(false);
    expect(await credentials.secretForConnect(profile.id)).toMatchObject({ kind: 'needsSecret' });
    expect(vault.secrets.has(profile.id)).toBe(false);
  });

  it('does not copy the secret to a duplicated profile', async () => {
    const credentials = new CredentialService({ vault: new MapVault(), profiles: store });
    await credentials.saveSecret(profile.id, 's3cret', true);
    const copy = await store.duplicate(profile.id);
    expect(await credentials.hasSavedSecret(copy.id)).toBe(false);
  });

  it('needs no secret for the Demo PBX and stores none for it', async () => {
    const vault = new MapVault();
    const credentials = new CredentialService({ vault, profiles: store });
    expect(await credentials.secretForConnect('demo')).toEqual({ kind: 'noSecretNeeded' });
    expect(await credentials.saveSecret('demo', 'x', true)).toEqual({ kind: 'noSecretNeeded' });
    expect(await credentials.hasSavedSecret('demo')).toBe(false);
    expect(vault.secrets.size).toBe(0);
  });

  it('stores nothing for a profile that does not exist', async () => {
    const vault = new MapVault();
    const credentials = new CredentialService({ vault, profiles: store });
    const unknownId = '5b4e28ba-2fa1-41d2-883f-0016d3cca427';
    expect(await credentials.saveSecret(unknownId, 'x', true)).toEqual({ kind: 'unknownProfile' });
    expect(await credentials.secretForConnect(unknownId, 'x')).toEqual({ kind: 'unknownProfile' });
    expect(vault.secrets.size).toBe(0);
  });

  it.each(['', 'two\r\nlines', 'nul\0'])('refuses secret %j without echoing it', async (secret) => {
    const vault = new MapVault();
    const credentials = new CredentialService({ vault, profiles: store });
    const result = await credentials.saveSecret(profile.id, secret, true);
    expect(result.kind).toBe('invalidSecret');
    if (secret) expect(JSON.stringify(result)).not.toContain(secret);
    expect(vault.secrets.size).toBe(0);
    expect(await credentials.secretForConnect(profile.id, secret)).toMatchObject({ kind: 'invalidSecret' });
  });

  it('refuses, in words, a secret too long for the plain login line, and takes it for an MD5 login', async () => {
    const vault = new MapVault();
    const credentials = new CredentialService({ vault, profiles: store });
    const plain = await store.create({
      displayName: 'Plain',
      host: 'pbx.example.org',
      username: 'r',
      authType: 'plain',
    });
    const tooLong = 'x'.repeat(1015);
    const tooLongForOneLine = { kind: 'invalidSecret', said: refusal('secretTooLongForPlain', { max: 1014 }) };
    expect(await credentials.saveSecret(plain.id, tooLong, true)).toEqual(tooLongForOneLine);
    expect(await credentials.secretForConnect(plain.id, tooLong)).toEqual(tooLongForOneLine);
    // Bytes count, not characters: 508 two-byte letters are 1016 bytes.
    expect(await credentials.saveSecret(plain.id, 'é'.repeat(508), true)).toEqual(tooLongForOneLine);
    expect(vault.secrets.size).toBe(0);

    expect(await credentials.saveSecret(plain.id, 'x'.repeat(1014), true)).toEqual({ kind: 'remembered' });
    expect(await credentials.saveSecret(profile.id, tooLong, true)).toEqual({ kind: 'remembered' });
    expect(profile.authType).toBe('md5');
  });
});

describe('CredentialService when a profile is pointed at another server', () => {
  it('does not keep a secret typed for the old server when the login ends after the edit', async () => {
    const vault = new MapVault();
    const credentials = new CredentialService({ vault, profiles: store });
    expect(await credentials.secretForConnect(profile.id, 'typed-for-the-old-one')).toMatchObject({ kind: 'secret' });
    const changes = { host: 'elsewhere.example.org' };
    expect(await credentials.forgetIfRepointed(profile.id, changes)).toEqual({ kind: 'forgotten' });
    await store.update(profile.id, changes);
    expect(await credentials.saveSecret(profile.id, 'typed-for-the-old-one', true)).toMatchObject({
      kind: 'serverChanged',
    });
    expect(vault.secrets.size).toBe(0);
    expect(await credentials.secretForConnect(profile.id)).toMatchObject({ kind: 'needsSecret' });

    // Typed again for the new server, it is kept.
    await credentials.secretForConnect(profile.id, 'typed-for-the-new-one');
    expect(await credentials.saveSecret(profile.id, 'typed-for-the-new-one', true)).toEqual({ kind: 'remembered' });
  });

  it('keeps the secret when only other settings change, and counts a new CA or server name as another server', async () => {
    const vault = new MapVault();
    const credentials = new CredentialService({ vault, profiles: store });
    expect(await credentials.forgetIfRepointed(profile.id, { displayName: 'Reception', host: profile.host })).toEqual({
      kind: 'unchanged',
    });
    const tls = await store.update(profile.id, { tls: { enabled: true, caFile: '/etc/pbx-ca.pem' } });
    expect(await credentials.forgetIfRepointed(tls.id, { tls: { enabled: true, caFile: '/etc/pbx-ca.pem' } })).toEqual({
      kind: 'unchanged',
    });
    expect(await credentials.forgetIfRepointed(tls.id, { tls: { enabled: true, caFile: '/tmp/other.pem' } })).toEqual({
      kind: 'forgotten',
    });
    expect(
      await credentials.forgetIfRepointed(tls.id, {
        tls: { enabled: true, caFile: '/etc/pbx-ca.pem', serverName: 'pbx.example.org' },
      }),
    ).toEqual({ kind: 'forgotten' });
  });

  it('says the keychain could not be reached, so the saved secret could not be forgotten', async () => {
    const credentials = new CredentialService({ vault: new UnreachableVault(), profiles: store });
    expect(await credentials.forgetIfRepointed(profile.id, { port: 5039 })).toEqual({
      kind: 'vaultUnavailable',
      reason: NO_KEYCHAIN,
    });
  });
});

describe('CredentialService without a keychain (fails closed)', () => {
  it('says plainly that "remember" did not store the secret, and keeps it for this session only', async () => {
    const vault = new UnreachableVault();
    const credentials = new CredentialService({ vault, profiles: store });
    expect(await credentials.vaultAvailability()).toEqual({ kind: 'unavailable', reason: NO_KEYCHAIN });
    expect(await credentials.saveSecret(profile.id, 's3cret', true)).toEqual({
      kind: 'notRemembered',
      reason: NO_KEYCHAIN,
    });
    expect(await credentials.hasSavedSecret(profile.id)).toBe(false);
    expect(await credentials.secretForConnect(profile.id)).toEqual({
      kind: 'secret',
      secret: 's3cret',
      source: 'session',
    });

    credentials.dropSessionSecrets();
    expect(await credentials.secretForConnect(profile.id)).toEqual({
      kind: 'needsSecret',
      said: NO_KEYCHAIN,
    });
  });

  it('deletes the profile and says the keychain could not be reached for its secret', async () => {
    const credentials = new CredentialService({ vault: new UnreachableVault(), profiles: store });
    const result = await credentials.deleteProfile(profile.id);
    expect(result.kind).toBe('deletedSecretKept');
    expect(result.kind === 'deletedSecretKept' && result.reason).toEqual(
      refusal('secretMayRemain', { service: VAULT_SERVICE, account: profile.id }),
    );
    expect(await store.get(profile.id)).toBeUndefined();
  });

  it('forgets the session secret even when the keychain cannot be reached', async () => {
    const credentials = new CredentialService({ vault: new UnreachableVault(), profiles: store });
    await credentials.saveSecret(profile.id, 's3cret', false);
    expect(await credentials.forgetSecret(profile.id)).toEqual({
      kind: 'vaultUnavailable',
      reason: NO_KEYCHAIN,
    });
    expect(await credentials.secretForConnect(profile.id)).toMatchObject({ kind: 'needsSecret' });
  });
});
