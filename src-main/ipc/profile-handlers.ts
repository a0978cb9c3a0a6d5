import type { MethodChannel, ProfileNotice, ProfileSummary } from '../../src-preload/contract';
import type { CredentialService } from '../profiles/credentials';
import type { AnyProfile } from '../../src-shared/profile';
import { refusal } from '../../src-shared/refusals';
import { ProfileError } from '../profiles/profile-error';
import type { ProfileStore } from '../profiles/profile-store';
import { OperatorError, type Handlers } from './gatekeeper';

type ProfileChannel = Extract<MethodChannel, `profiles:${string}`>;

export interface ProfileHandlerDeps {
  readonly profiles: ProfileStore;
  readonly credentials: CredentialService;
  /** Notices that do not come from the profiles file (the `--profile` launch option). */
  readonly launchNotices: () => readonly ProfileNotice[];
  /** Called before a profile is deleted: the session logged in with it ends first. */
  readonly beforeDelete: (id: string) => Promise<void>;
  /** Called with a profile just saved: the session logged in with it takes what it shows live. */
  readonly afterUpdate: (profile: AnyProfile) => void;
}

/**
 * The `profiles:` methods: the login screen's list and editor, the write-only secret, export and
 * import. What crosses back is the profiles' settings and `hasSavedSecret`, never a secret.
 */
export function profileHandlers(deps: ProfileHandlerDeps): Pick<Handlers, ProfileChannel> {
  const { profiles, credentials } = deps;
  const summarise = async (profile: AnyProfile): Promise<ProfileSummary> => ({
    ...profile,
    hasSavedSecret: await credentials.hasSavedSecret(profile.id),
  });

  return {
    'profiles:list': async () => {
      const snapshot = await plainly(() => profiles.snapshot());
      return {
        profiles: await Promise.all(snapshot.profiles.map(summarise)),
        lastUsedProfileId: snapshot.lastUsedProfileId,
        notices: [...profiles.problems(), ...deps.launchNotices()],
        keychain: await credentials.vaultAvailability(),
      };
    },
    'profiles:create': async (draft) => summarise(await plainly(() => profiles.create(draft))),
    'profiles:update': async ({ id, changes }) => {
      const forgotten = await credentials.forgetIfRepointed(id, changes);
      if (forgotten.kind === 'vaultUnavailable')
        throw new OperatorError('vaultUnavailable', refusal('repointNeedsKeychain', forgotten.reason.values));
      const updated = await plainly(() => profiles.update(id, changes));
      deps.afterUpdate(updated);
      return summarise(updated);
    },
    'profiles:duplicate': async ({ id }) => summarise(await plainly(() => profiles.duplicate(id))),
    'profiles:delete': async ({ id }) => {
      await deps.beforeDelete(id);
      return plainly(() => credentials.deleteProfile(id));
    },
    'profiles:saveSecret': async ({ id, secret, remember }) => {
      const saved = await credentials.saveSecret(id, secret, remember);
      switch (saved.kind) {
        case 'remembered':
        case 'sessionOnly':
        case 'notRemembered':
          return saved;
        case 'noSecretNeeded':
          throw new OperatorError('noSecretNeeded', refusal('demoNeedsNoSecret', {}));
        case 'unknownProfile':
          throw new OperatorError('notFound', refusal('secretProfileGone', {}));
        case 'invalidSecret':
          throw new OperatorError('invalidSecret', saved.said);
        case 'serverChanged':
          throw new OperatorError('serverChanged', saved.said);
      }
    },
    'profiles:forgetSecret': ({ id }) => credentials.forgetSecret(id),
    'profiles:export': () => plainly(() => profiles.exportJson()),
    'profiles:import': ({ text }) => plainly(() => profiles.importJson(text)),
  };
}

/** The profile store's refusals are written for the operator or coded for the page: pass them on as they are. */
async function plainly<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ProfileError) throw new OperatorError(error.code, error.refusal ?? error.message);
    throw error;
  }
}
