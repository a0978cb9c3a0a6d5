import { createRequire } from 'node:module';
import type { KeychainUnavailable, VaultAvailability } from '../../src-shared/profile-results';
import type { KeychainTrouble } from '../../src-shared/setting-problems';
import { inEnglish } from '../english-words';

/**
 * The credential vault: one secret per profile in the operating system's keychain, and nowhere
 * else. Fails closed: when no keychain answers, nothing is stored anywhere (no file, no fallback).
 */

export const VAULT_SERVICE = 'Switchboard';

export interface SecretVault {
  get(profileId: string): Promise<string | undefined>;
  set(profileId: string, secret: string): Promise<void>;
  delete(profileId: string): Promise<void>;
  probe(): Promise<VaultAvailability>;
}

/**
 * The keychain could not be used. `said` is for the operator (the page words it; `message` is its
 * English for the log); `detail` is the keychain's own words for a log, with any secret involved
 * removed. None of them ever contains the secret.
 */
export class VaultUnavailableError extends Error {
  override readonly name = 'VaultUnavailableError';
  readonly said: KeychainUnavailable;
  constructor(
    trouble: KeychainTrouble,
    readonly detail: string,
  ) {
    const said: KeychainUnavailable = { reason: 'keychainUnavailable', values: { keychain: trouble } };
    super(inEnglish(said));
    this.said = said;
  }
}

/** The part of keytar we use. */
export interface KeytarApi {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

/**
 * keytar is a CommonJS native addon: loaded on first use so this module (and the app) still loads
 * where it is missing or was built for another runtime; the vault then reports itself unavailable.
 */
function loadKeytar(): KeytarApi {
  const require = createRequire(import.meta.url);
  return require('keytar') as KeytarApi;
}

/** Account name used by probe(); never a profile id (those are UUIDs or 'demo'). */
const PROBE_ACCOUNT = 'switchboard-keychain-probe';

export class KeytarVault implements SecretVault {
  private keytar: KeytarApi | undefined;

  constructor(private readonly options: { service?: string; loadKeytar?: () => KeytarApi } = {}) {}

  private get service(): string {
    return this.options.service ?? VAULT_SERVICE;
  }

  async get(profileId: string): Promise<string | undefined> {
    const keytar = this.keytarOrThrow();
    try {
      return (await keytar.getPassword(this.service, profileId)) ?? undefined;
    } catch (error) {
      throw toVaultError(error);
    }
  }

  async set(profileId: string, secret: string): Promise<void> {
    const keytar = this.keytarOrThrow();
    try {
      await keytar.setPassword(this.service, profileId, secret);
    } catch (error) {
      throw toVaultError(error, secret);
    }
  }

  async delete(profileId: string): Promise<void> {
    const keytar = this.keytarOrThrow();
    try {
      await keytar.deletePassword(this.service, profileId);
    } catch (error) {
      throw toVaultError(error);
    }
  }

  /**
   * Asks the keychain a harmless question (a read). A keychain that answers reads may still refuse
   * a write (locked collection), so `set` failing with VaultUnavailableError remains possible.
   */
  async probe(): Promise<VaultAvailability> {
    try {
      await this.keytarOrThrow().getPassword(this.service, PROBE_ACCOUNT);
      return { kind: 'available' };
    } catch (error) {
      return { kind: 'unavailable', reason: toVaultError(error).said };
    }
  }

  private keytarOrThrow(): KeytarApi {
    if (this.keytar) return this.keytar;
    try {
      this.keytar = (this.options.loadKeytar ?? loadKeytar)();
      return this.keytar;
    } catch (error) {
      throw new VaultUnavailableError('noSupport', describeError(error));
    }
  }
}

/** libsecret / D-Bus failures that mean "there is no keychain to talk to". */
const NO_SERVICE_PATTERNS = [
  /could not connect/i,
  /cannot autolaunch d-bus/i,
  /org\.freedesktop\.DBus\.Error\.(ServiceUnknown|NoServer|Spawn|FileNotFound|NoReply|Disconnected)/i,
  /was not provided by any \.service files/i,
  /no such (file or directory|interface)/i,
  /connection (refused|closed)/i,
];

function toVaultError(error: unknown, secret?: string): VaultUnavailableError {
  if (error instanceof VaultUnavailableError) return error;
  const detail = redact(describeError(error), secret);
  const noService = NO_SERVICE_PATTERNS.some((pattern) => pattern.test(detail));
  return new VaultUnavailableError(noService ? 'noService' : 'refused', detail);
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function redact(text: string, secret: string | undefined): string {
  return secret ? text.split(secret).join('[secret]') : text;
}
