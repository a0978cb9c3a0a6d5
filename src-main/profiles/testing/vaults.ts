import type { KeychainUnavailable } from '../../../src-shared/profile-results';
import { VaultUnavailableError, type SecretVault } from '../vault';

/** A keychain in a Map, standing in for keytar where the keychain itself is not what is tested. */
export class MapVault implements SecretVault {
  readonly secrets = new Map<string, string>();
  async get(profileId: string) {
    return this.secrets.get(profileId);
  }
  /** The secret in this profile's entry (see saved-secret.ts), whichever server it was saved for. */
  secretOf(profileId: string): string | undefined {
    const entry = this.secrets.get(profileId);
    return entry === undefined ? undefined : (JSON.parse(entry) as { secret: string }).secret;
  }
  async set(profileId: string, secret: string) {
    this.secrets.set(profileId, secret);
  }
  async delete(profileId: string) {
    this.secrets.delete(profileId);
  }
  async probe() {
    return { kind: 'available' } as const;
  }
}

/** What KeytarVault says when no Secret Service answers. */
export const NO_KEYCHAIN: KeychainUnavailable = { reason: 'keychainUnavailable', values: { keychain: 'noService' } };

/** No Secret Service: every call fails the way KeytarVault fails. */
export class UnreachableVault implements SecretVault {
  calls: string[] = [];
  private fail(call: string): never {
    this.calls.push(call);
    throw new VaultUnavailableError('noService', 'Could not connect: No such file or directory');
  }
  async get(): Promise<string | undefined> {
    return this.fail('get');
  }
  async set(): Promise<void> {
    this.fail('set');
  }
  async delete(): Promise<void> {
    this.fail('delete');
  }
  async probe() {
    return { kind: 'unavailable', reason: NO_KEYCHAIN } as const;
  }
}
