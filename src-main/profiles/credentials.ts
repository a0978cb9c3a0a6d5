import {
  DEMO_PROFILE_ID,
  changesSecretTarget,
  secretTargetOf,
  type AnyProfile,
  type ProfileChanges,
  type UserProfile,
} from '../../src-shared/profile';
import type {
  DeleteProfileResult,
  ForgetSecretResult,
  RepointResult,
  SaveSecretResult,
  VaultAvailability,
} from '../../src-shared/profile-results';
import { refusal, type Refusal } from '../../src-shared/refusals';
import { secretSchemaFor } from '../../src-shared/secret';
import { saidOf } from '../../src-shared/argument-said';
import { openSavedSecret, sealSavedSecret } from './saved-secret';
import { VAULT_SERVICE, VaultUnavailableError, type SecretVault } from './vault';

export type SecretForConnect =
  | { readonly kind: 'secret'; readonly secret: string; readonly source: 'typed' | 'session' | 'vault' }
  | { readonly kind: 'noSecretNeeded' }
  | { readonly kind: 'unknownProfile' }
  | { readonly kind: 'invalidSecret'; readonly said: Refusal }
  /** Ask the operator to type it; `said` is why: none saved, another server's, or the keychain unreachable. */
  | { readonly kind: 'needsSecret'; readonly said: Refusal };

/** The part of ProfileStore this service needs. */
export interface ProfileLookup {
  get(id: string): Promise<AnyProfile | undefined>;
  delete(id: string): Promise<boolean>;
}

/**
 * Which secret a connection uses, and where secrets are kept: the keychain (when the operator asks
 * to remember, and it is reachable) or this process's memory for the current session. The renderer
 * only ever learns `hasSavedSecret` and the result kinds; a secret leaves here only for the AMI login.
 * A secret belongs to the server and login method it was typed for (`secretTargetOf`): pointing the
 * profile elsewhere forgets the saved one, and one typed for the old server is never used for the new.
 */
export class CredentialService {
  /** Typed this session, with the target it was typed for. */
  private readonly sessionSecrets = new Map<string, { readonly secret: string; readonly target: string }>();

  constructor(private readonly deps: { readonly vault: SecretVault; readonly profiles: ProfileLookup }) {}

  vaultAvailability(): Promise<VaultAvailability> {
    return this.deps.vault.probe();
  }

  async saveSecret(profileId: string, secret: string, remember: boolean): Promise<SaveSecretResult> {
    const profile = await this.deps.profiles.get(profileId);
    if (!profile) return { kind: 'unknownProfile' };
    if (profile.kind === 'demo') return { kind: 'noSecretNeeded' };
    const problem = secretProblem(secret, profile);
    if (problem !== undefined) return { kind: 'invalidSecret', said: problem };
    const target = secretTargetOf(profile);
    const typed = this.sessionSecrets.get(profileId);
    // A login typed for the old server that ends after an edit re-pointed the profile.
    if (typed?.secret === secret && typed.target !== target)
      return { kind: 'serverChanged', said: refusal('serverChangedWhileTyping', {}) };

    this.sessionSecrets.set(profileId, { secret, target });
    if (!remember) {
      // Unticking "remember" means this desk should not keep it: a secret saved earlier goes too.
      await this.deps.vault.delete(profileId).catch(ignoreUnavailable);
      return { kind: 'sessionOnly' };
    }
    try {
      await this.deps.vault.set(profileId, sealSavedSecret(secret, target));
      return { kind: 'remembered' };
    } catch (error) {
      if (error instanceof VaultUnavailableError) return { kind: 'notRemembered', reason: error.said };
      throw error;
    }
  }

  async forgetSecret(profileId: string): Promise<ForgetSecretResult> {
    this.sessionSecrets.delete(profileId);
    if (profileId === DEMO_PROFILE_ID) return { kind: 'forgotten' };
    return this.forgetSaved(profileId);
  }

  private async forgetSaved(profileId: string): Promise<ForgetSecretResult> {
    try {
      await this.deps.vault.delete(profileId);
      return { kind: 'forgotten' };
    } catch (error) {
      if (error instanceof VaultUnavailableError) return { kind: 'vaultUnavailable', reason: error.said };
      throw error;
    }
  }

  /**
   * Before a profile is edited: when the edit points it at another server or login method, the secret
   * saved for it is forgotten first, so it can never be sent there.
   */
  async forgetIfRepointed(profileId: string, changes: ProfileChanges): Promise<RepointResult> {
    const profile = await this.deps.profiles.get(profileId);
    if (profile?.kind !== 'user' || !changesSecretTarget(profile, changes)) return { kind: 'unchanged' };
    // The secret typed this session stays, marked with its old target: it is never used for the new one.
    return this.forgetSaved(profileId);
  }

  /** Whether the keychain holds a secret for this profile. False when the keychain is unreachable. */
  async hasSavedSecret(profileId: string): Promise<boolean> {
    const profile = await this.deps.profiles.get(profileId);
    if (profile?.kind !== 'user') return false;
    try {
      const entry = await this.deps.vault.get(profileId);
      return entry !== undefined && openSavedSecret(entry, secretTargetOf(profile)) !== undefined;
    } catch (error) {
      if (error instanceof VaultUnavailableError) return false;
      throw error;
    }
  }

  /**
   * The secret to log in with: a secret typed now wins (and is kept for this session, so a
   * reconnect does not ask again), then one typed earlier this session, then the keychain.
   */
  async secretForConnect(profileId: string, typedSecret?: string): Promise<SecretForConnect> {
    const profile = await this.deps.profiles.get(profileId);
    if (!profile) return { kind: 'unknownProfile' };
    if (profile.kind === 'demo') return { kind: 'noSecretNeeded' };
    if (typedSecret !== undefined) {
      const problem = secretProblem(typedSecret, profile);
      if (problem !== undefined) return { kind: 'invalidSecret', said: problem };
      this.sessionSecrets.set(profileId, { secret: typedSecret, target: secretTargetOf(profile) });
      return { kind: 'secret', secret: typedSecret, source: 'typed' };
    }
    const typed = this.sessionSecrets.get(profileId);
    if (typed !== undefined && typed.target === secretTargetOf(profile))
      return { kind: 'secret', secret: typed.secret, source: 'session' };
    try {
      const entry = await this.deps.vault.get(profileId);
      if (entry === undefined) return { kind: 'needsSecret', said: refusal('noSecretSaved', {}) };
      const saved = openSavedSecret(entry, secretTargetOf(profile));
      if (saved !== undefined) return { kind: 'secret', secret: saved, source: 'vault' };
      await this.deps.vault.delete(profileId);
      return { kind: 'needsSecret', said: refusal('secretForAnotherServer', {}) };
    } catch (error) {
      if (error instanceof VaultUnavailableError) return { kind: 'needsSecret', said: error.said };
      throw error;
    }
  }

  /** On log out (and before switching profile): every secret typed for this session is dropped. */
  dropSessionSecrets(): void {
    this.sessionSecrets.clear();
  }

  /** Deletes the profile and its secret, so no orphan stays in the keychain when it can be helped. */
  async deleteProfile(profileId: string): Promise<DeleteProfileResult> {
    const existed = await this.deps.profiles.delete(profileId);
    this.sessionSecrets.delete(profileId);
    try {
      await this.deps.vault.delete(profileId);
    } catch (error) {
      if (!(error instanceof VaultUnavailableError)) throw error;
      if (existed) {
        return {
          kind: 'deletedSecretKept',
          reason: refusal('secretMayRemain', { service: VAULT_SERVICE, account: profileId }),
        };
      }
    }
    return existed ? { kind: 'deleted' } : { kind: 'alreadyGone' };
  }
}

/** Why the profile's login could not carry this secret; undefined when it can. */
function secretProblem(secret: string, profile: UserProfile): Refusal | undefined {
  const checked = secretSchemaFor(profile.authType).safeParse(secret);
  if (checked.success) return undefined;
  // Every check of a secret that is text is coded.
  const said = checked.error.issues.map(saidOf).find((found) => found !== undefined);
  if (!said) throw new Error(`An uncoded secret check: ${checked.error.message}`);
  return said;
}

function ignoreUnavailable(error: unknown): void {
  if (!(error instanceof VaultUnavailableError)) throw error;
}
