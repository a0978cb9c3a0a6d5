import { z } from 'zod';
import { DEMO_PROFILE_ID, type AnyProfile } from './profile';
import { VAULT_SERVICE, VaultUnavailableError, type SecretVault, type VaultAvailability } from './vault';

/**
 * A secret as the renderer may send it (write-only: it never comes back). It ends up in an AMI
 * `Secret:` header or an MD5 digest, so CR, LF and NUL are refused. Messages never echo the value.
 */
export const SecretSchema = z
  .string({ error: 'The secret must be text.' })
  .min(1, "The secret can't be empty.")
  .max(1024, "The secret can't be longer than 1024 characters.")
  .refine((value) => !/[\r\n\0]/.test(value), "The secret can't contain line breaks or NUL characters.");

export type SaveSecretResult =
  /** In the keychain; also kept for this session. */
  | { readonly kind: 'remembered' }
  /** The operator asked not to remember it: kept for this session only; any saved one was forgotten. */
  | { readonly kind: 'sessionOnly' }
  /** Remembering was asked but the keychain could not take it: kept for this session only. */
  | { readonly kind: 'notRemembered'; readonly reason: string }
  | { readonly kind: 'noSecretNeeded' }
  | { readonly kind: 'unknownProfile' }
  | { readonly kind: 'invalidSecret'; readonly reason: string };

export type ForgetSecretResult =
  | { readonly kind: 'forgotten' }
  /** Dropped from this session, but the keychain could not be reached to remove a saved one. */
  | { readonly kind: 'vaultUnavailable'; readonly reason: string };

export type SecretForConnect =
  | { readonly kind: 'secret'; readonly secret: string; readonly source: 'typed' | 'session' | 'vault' }
  | { readonly kind: 'noSecretNeeded' }
  | { readonly kind: 'unknownProfile' }
  | { readonly kind: 'invalidSecret'; readonly reason: string }
  /** Ask the operator to type it; `reason` says why (none saved, or no keychain). */
  | { readonly kind: 'needsSecret'; readonly reason: string };

export type DeleteProfileResult =
  | { readonly kind: 'deleted' }
  | { readonly kind: 'alreadyGone' }
  /** The profile is gone; its saved secret could not be removed because the keychain is unreachable. */
  | { readonly kind: 'deletedSecretKept'; readonly reason: string };

/** The part of ProfileStore this service needs. */
export interface ProfileLookup {
  get(id: string): Promise<AnyProfile | undefined>;
  delete(id: string): Promise<boolean>;
}

/**
 * Which secret a connection uses, and where secrets are kept: the keychain (when the operator asks
 * to remember, and it is reachable) or this process's memory for the current session. The renderer
 * only ever learns `hasSavedSecret` and the result kinds; a secret leaves here only for the AMI login.
 */
export class CredentialService {
  private readonly sessionSecrets = new Map<string, string>();

  constructor(
    private readonly deps: { readonly vault: SecretVault; readonly profiles: ProfileLookup },
  ) {}

  vaultAvailability(): Promise<VaultAvailability> {
    return this.deps.vault.probe();
  }

  async saveSecret(profileId: string, secret: string, remember: boolean): Promise<SaveSecretResult> {
    const checked = SecretSchema.safeParse(secret);
    if (!checked.success) return { kind: 'invalidSecret', reason: checked.error.issues[0]?.message ?? 'Invalid secret.' };
    const profile = await this.deps.profiles.get(profileId);
    if (!profile) return { kind: 'unknownProfile' };
    if (profile.kind === 'demo') return { kind: 'noSecretNeeded' };

    this.sessionSecrets.set(profileId, secret);
    if (!remember) {
      // Unticking "remember" means this desk should not keep it: a secret saved earlier goes too.
      await this.deps.vault.delete(profileId).catch(ignoreUnavailable);
      return { kind: 'sessionOnly' };
    }
    try {
      await this.deps.vault.set(profileId, secret);
      return { kind: 'remembered' };
    } catch (error) {
      if (error instanceof VaultUnavailableError) return { kind: 'notRemembered', reason: error.message };
      throw error;
    }
  }

  async forgetSecret(profileId: string): Promise<ForgetSecretResult> {
    this.sessionSecrets.delete(profileId);
    if (profileId === DEMO_PROFILE_ID) return { kind: 'forgotten' };
    try {
      await this.deps.vault.delete(profileId);
      return { kind: 'forgotten' };
    } catch (error) {
      if (error instanceof VaultUnavailableError) return { kind: 'vaultUnavailable', reason: error.message };
      throw error;
    }
  }

  /** Whether the keychain holds a secret for this profile. False when the keychain is unreachable. */
  async hasSavedSecret(profileId: string): Promise<boolean> {
    if (profileId === DEMO_PROFILE_ID) return false;
    try {
      return (await this.deps.vault.get(profileId)) !== undefined;
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
      const checked = SecretSchema.safeParse(typedSecret);
      if (!checked.success) return { kind: 'invalidSecret', reason: checked.error.issues[0]?.message ?? 'Invalid secret.' };
      this.sessionSecrets.set(profileId, typedSecret);
      return { kind: 'secret', secret: typedSecret, source: 'typed' };
    }
    const sessionSecret = this.sessionSecrets.get(profileId);
    if (sessionSecret !== undefined) return { kind: 'secret', secret: sessionSecret, source: 'session' };
    try {
      const saved = await this.deps.vault.get(profileId);
      if (saved !== undefined) return { kind: 'secret', secret: saved, source: 'vault' };
      return { kind: 'needsSecret', reason: 'No secret is saved for this profile. Type it to connect.' };
    } catch (error) {
      if (error instanceof VaultUnavailableError) return { kind: 'needsSecret', reason: error.message };
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
          reason: `The profile was deleted, but the keychain could not be reached, so a secret saved for it earlier may still be there (service "${VAULT_SERVICE}", account "${profileId}").`,
        };
      }
    }
    return existed ? { kind: 'deleted' } : { kind: 'alreadyGone' };
  }
}

function ignoreUnavailable(error: unknown): void {
  if (!(error instanceof VaultUnavailableError)) throw error;
}
