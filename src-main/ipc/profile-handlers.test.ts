import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CredentialService } from '../profiles/credentials';
import { ProfileDraftSchema } from '../../src-shared/profile';
import { refusal } from '../../src-shared/refusals';
import { ProfileStore } from '../profiles/profile-store';
import { PROFILES_FILE_NAME } from '../profiles/profiles-file';
import { MapVault, NO_KEYCHAIN, UnreachableVault } from '../profiles/testing/vaults';
import type { SecretVault } from '../profiles/vault';
import { createGatekeeper, type Sender } from './gatekeeper';
import { profileHandlers } from './profile-handlers';

const window: Sender = { id: 'w', send: () => {}, onClosed: () => {} };
const frontDesk = { displayName: 'Front desk', host: 'pbx.example.org', username: 'reception' };
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'switchboard-profile-handlers-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function setUp(vault: SecretVault = new MapVault()) {
  const profiles = new ProfileStore({ userDataDir: dir });
  const beforeDelete = vi.fn(async () => {});
  const handlers = profileHandlers({
    profiles,
    credentials: new CredentialService({ vault, profiles }),
    launchNotices: () => [{ kind: 'launchProfile', said: refusal('launchProfileNotFound', { name: 'Night' }) }],
    beforeDelete,
    afterUpdate: () => {},
  });
  const log = { warn: vi.fn(), error: vi.fn() };
  const dispatch = createGatekeeper({ ...handlersForOtherDomains(), ...handlers }, log);
  const create = async (draft: Record<string, unknown> = frontDesk) =>
    handlers['profiles:create'](ProfileDraftSchema.parse(draft), window);
  return { handlers, dispatch, create, beforeDelete, log };
}

/** The profile handlers are what is tested; the rest of the contract is never called here. */
function handlersForOtherDomains() {
  const never = () => {
    throw new Error('not part of this test');
  };
  return {
    'session:connect': never,
    'session:disconnect': never,
    'session:status': never,
    'picture:subscribe': never,
    'picture:taken': never,
    'desktop:speak': never,
    'calls:dial': never,
    'calls:transfer': never,
    'calls:park': never,
    'calls:record': never,
    'calls:hangup': never,
    'calls:finishTransfer': never,
    'calls:operator': never,
    'calls:take': never,
    'calls:listen': never,
    'calls:stopListening': never,
    'parking:pickup': never,
    'parking:move': never,
    'queues:pause': never,
    'queues:addMember': never,
    'queues:removeMember': never,
    'queues:pull': never,
    'directory:overview': never,
    'directory:search': never,
    'directory:lookup': never,
    'directory:previewCsv': never,
    'directory:importCsv': never,
    'directory:importVcard': never,
    'directory:removeSource': never,
    'directory:saveLdap': never,
    'directory:refreshLdap': never,
    'extensions:setPresence': never,
    'extensions:setDnd': never,
    'extensions:callVoicemail': never,
    'history:list': never,
    'history:missedCount': never,
    'history:markSeen': never,
    'history:export': never,
  };
}

describe('the profiles methods', () => {
  it('list the Demo PBX first, the last used profile, which ones have a saved secret, and the keychain', async () => {
    const { handlers, create } = setUp();
    const desk = await create();
    await handlers['profiles:saveSecret']({ id: desk.id, secret: 's3cret', remember: true }, window);
    const list = await handlers['profiles:list'](undefined, window);
    expect(list.profiles.map((p) => [p.displayName, p.hasSavedSecret])).toEqual([
      ['Demo PBX', false],
      ['Front desk', true],
    ]);
    expect(list.keychain).toEqual({ kind: 'available' });
    expect(list.notices).toEqual([
      { kind: 'launchProfile', said: refusal('launchProfileNotFound', { name: 'Night' }) },
    ]);
    expect(JSON.stringify(list)).not.toContain('s3cret');
  });

  it('refuse a second profile of the same name, in words', async () => {
    const { dispatch, create } = setUp();
    await create();
    expect(await dispatch('profiles:create', { ...frontDesk, displayName: 'front DESK' }, window)).toEqual({
      ok: false,
      error: {
        code: 'nameTaken',
        message: 'There is already a profile called "front DESK". Choose another name.',
        refusal: refusal('nameTaken', { name: 'front DESK' }),
      },
    });
  });

  it('refuse a secret sent inside a profile draft', async () => {
    const { dispatch } = setUp();
    const result = await dispatch('profiles:create', { ...frontDesk, secret: 'hunter2' }, window);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalidArgument' } });
    expect(JSON.stringify(result)).not.toContain('hunter2');
  });

  it('edit only the changed fields, and refuse to edit or delete the Demo PBX', async () => {
    const { dispatch, create } = setUp();
    const desk = await create();
    const updated = await dispatch(
      'profiles:update',
      { id: desk.id, changes: { board: { tileSize: 'large' } } },
      window,
    );
    expect(updated).toMatchObject({
      ok: true,
      value: { host: 'pbx.example.org', board: { tileSize: 'large', grouping: 'context' } },
    });
    expect(await dispatch('profiles:update', { id: 'demo', changes: { host: 'elsewhere' } }, window)).toEqual({
      ok: false,
      error: {
        code: 'builtInProfile',
        message: "The Demo PBX is built in and can't be edited.",
        refusal: refusal('demoNotEdited', {}),
      },
    });
    expect(await dispatch('profiles:delete', { id: 'demo' }, window)).toMatchObject({
      ok: false,
      error: { code: 'builtInProfile' },
    });
  });

  it('duplicate a profile without its secret', async () => {
    const { handlers, create } = setUp();
    const desk = await create();
    await handlers['profiles:saveSecret']({ id: desk.id, secret: 's3cret', remember: true }, window);
    const copy = await handlers['profiles:duplicate']({ id: desk.id }, window);
    expect(copy).toMatchObject({ displayName: 'Front desk (copy)', host: 'pbx.example.org', hasSavedSecret: false });
  });

  it('delete a profile and its saved secret, ending its session first', async () => {
    const vault = new MapVault();
    const { handlers, create, beforeDelete } = setUp(vault);
    const desk = await create();
    await handlers['profiles:saveSecret']({ id: desk.id, secret: 's3cret', remember: true }, window);
    expect(await handlers['profiles:delete']({ id: desk.id }, window)).toEqual({ kind: 'deleted' });
    expect(beforeDelete).toHaveBeenCalledWith(desk.id);
    expect(vault.secrets.has(desk.id)).toBe(false);
    expect(await handlers['profiles:delete']({ id: desk.id }, window)).toEqual({ kind: 'alreadyGone' });
  });

  it('forget a saved secret', async () => {
    const { handlers, create } = setUp();
    const desk = await create();
    await handlers['profiles:saveSecret']({ id: desk.id, secret: 's3cret', remember: true }, window);
    expect(await handlers['profiles:forgetSecret']({ id: desk.id }, window)).toEqual({ kind: 'forgotten' });
    const list = await handlers['profiles:list'](undefined, window);
    expect(list.profiles.find((p) => p.id === desk.id)?.hasSavedSecret).toBe(false);
  });

  it('say why a secret cannot be saved: the Demo PBX, a deleted profile', async () => {
    const { dispatch, create, handlers } = setUp();
    const desk = await create();
    await handlers['profiles:delete']({ id: desk.id }, window);
    expect(await dispatch('profiles:saveSecret', { id: 'demo', secret: 'x', remember: true }, window)).toEqual({
      ok: false,
      error: {
        code: 'noSecretNeeded',
        message: 'The Demo PBX needs no secret, so none was saved.',
        refusal: refusal('demoNeedsNoSecret', {}),
      },
    });
    expect(await dispatch('profiles:saveSecret', { id: desk.id, secret: 'x', remember: true }, window)).toMatchObject({
      ok: false,
      error: {
        code: 'notFound',
        message: expect.stringContaining('no longer exists'),
        refusal: refusal('secretProfileGone', {}),
      },
    });
  });

  it('fail closed without a keychain: say so, store nothing, keep the secret for this session only', async () => {
    const { handlers, create } = setUp(new UnreachableVault());
    const desk = await create();
    expect(await handlers['profiles:saveSecret']({ id: desk.id, secret: 's3cret', remember: true }, window)).toEqual({
      kind: 'notRemembered',
      reason: NO_KEYCHAIN,
    });
    const list = await handlers['profiles:list'](undefined, window);
    expect(list.keychain).toEqual({ kind: 'unavailable', reason: NO_KEYCHAIN });
    expect(list.profiles.every((p) => !p.hasSavedSecret)).toBe(true);
  });

  it('refuse to point a profile at another server while the keychain cannot be reached to forget its secret', async () => {
    const { dispatch, create } = setUp(new UnreachableVault());
    const desk = await create();
    expect(
      await dispatch('profiles:update', { id: desk.id, changes: { host: 'elsewhere.example.org' } }, window),
    ).toEqual({
      ok: false,
      error: {
        code: 'vaultUnavailable',
        message: expect.stringMatching(/^The change was not saved: .* No keychain is available on this computer/),
        refusal: refusal('repointNeedsKeychain', { keychain: 'noService' }),
      },
    });
    expect(
      await dispatch('profiles:update', { id: desk.id, changes: { displayName: 'Reception' } }, window),
    ).toMatchObject({
      ok: true,
      value: { displayName: 'Reception', host: 'pbx.example.org' },
    });
  });

  it('export profiles as JSON without secrets and import them at another desk', async () => {
    const { handlers, create } = setUp();
    const desk = await create();
    await handlers['profiles:saveSecret']({ id: desk.id, secret: 's3cret', remember: true }, window);
    const text = await handlers['profiles:export'](undefined, window);
    expect(text).not.toContain('s3cret');
    expect(JSON.parse(text)).toMatchObject({
      format: 'switchboard-profiles',
      profiles: [{ displayName: 'Front desk' }],
    });

    await rm(join(dir, PROFILES_FILE_NAME));
    const other = setUp();
    expect(await other.handlers['profiles:import']({ text }, window)).toMatchObject({
      imported: [{ displayName: 'Front desk' }],
      skipped: [],
    });
  });

  it('say plainly that an import file is not JSON', async () => {
    const { dispatch } = setUp();
    expect(await dispatch('profiles:import', { text: 'hello' }, window)).toMatchObject({
      ok: false,
      error: {
        code: 'invalid',
        // The code alone: the JSON parser's own English stays out of what the page shows.
        message: 'That file is not valid JSON, so nothing was imported.',
        refusal: refusal('importNotJson', {}),
      },
    });
  });

  it('tell the login screen that a broken profiles file was kept aside', async () => {
    await writeFile(join(dir, PROFILES_FILE_NAME), '{ "schemaVersion": 1, "profiles": [');
    const { handlers } = setUp();
    const list = await handlers['profiles:list'](undefined, window);
    expect(list.notices[0]).toMatchObject({
      kind: 'recoveredFromCorruptFile',
      message: expect.stringContaining('A copy was kept at'),
    });
  });
});
