import { randomUUID } from 'node:crypto';
import {
  DEMO_PROFILE,
  DEMO_PROFILE_ID,
  ProfileChangesSchema,
  ProfileDraftSchema,
  UserProfileSchema,
  type AnyProfile,
  type ProfileChanges,
  type ProfileDraftInput,
  type UserProfile,
} from '../../src-shared/profile';
import type { ImportReport, ProfileProblem } from '../../src-shared/profile-results';
import { refusal } from '../../src-shared/refusals';
import { ProfileError, parseOrRefuse } from './profile-error';
import { addImported, exportProfiles, readExport } from './profile-exchange';
import type { ProfileFileSystem } from './profile-file-system';
import { ProfilesFile } from './profiles-file';
import { assertNameFree, freeName, type ProfilesDocument } from './profiles-document';

/** What the login screen needs in one read. */
export interface ProfilesSnapshot {
  /** The built-in Demo PBX first, then the operator's profiles in file order. */
  readonly profiles: readonly AnyProfile[];
  /** Only ever the id of a profile in `profiles`. */
  readonly lastUsedProfileId: string | undefined;
}

export interface ProfileStoreOptions {
  /** The app's user-data folder (Electron's `app.getPath('userData')`, passed in by the caller). */
  readonly userDataDir: string;
  readonly fileSystem?: ProfileFileSystem;
  readonly now?: () => Date;
  readonly newId?: () => string;
}

/**
 * The operator's login profiles in `<userData>/profiles.json` (see ProfilesFile for how two windows or
 * two Switchboards saving at once both keep their change). Never holds a secret.
 */
export class ProfileStore {
  readonly filePath: string;
  private readonly file: ProfilesFile;
  private readonly now: () => Date;
  private readonly newId: () => string;

  constructor(options: ProfileStoreOptions) {
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? randomUUID;
    this.file = new ProfilesFile({ userDataDir: options.userDataDir, fileSystem: options.fileSystem, now: this.now });
    this.filePath = this.file.filePath;
  }

  /** Problems reported so far (for a window that opens after they happened). */
  problems(): readonly ProfileProblem[] {
    return this.file.problems();
  }

  async snapshot(): Promise<ProfilesSnapshot> {
    const loaded = await this.file.read();
    if (!loaded.writable) return { profiles: [DEMO_PROFILE], lastUsedProfileId: undefined };
    const { profiles, lastUsedProfileId } = loaded.document;
    const lastUsedExists =
      lastUsedProfileId === DEMO_PROFILE_ID || profiles.some((profile) => profile.id === lastUsedProfileId);
    return { profiles: [DEMO_PROFILE, ...profiles], lastUsedProfileId: lastUsedExists ? lastUsedProfileId : undefined };
  }

  async list(): Promise<readonly AnyProfile[]> {
    return (await this.snapshot()).profiles;
  }

  async get(id: string): Promise<AnyProfile | undefined> {
    return (await this.list()).find((profile) => profile.id === id);
  }

  async create(draft: ProfileDraftInput): Promise<UserProfile> {
    const parsed = parseOrRefuse(ProfileDraftSchema, draft);
    return this.file.change((document) => {
      assertNameFree(document, parsed.displayName);
      const profile: UserProfile = { kind: 'user', id: this.newId(), ...parsed };
      document.profiles.push(parseOrRefuse(UserProfileSchema, profile));
      return profile;
    });
  }

  /** Applies only the given changes to the profile as it is on disk now. */
  async update(id: string, changes: ProfileChanges): Promise<UserProfile> {
    const parsedChanges = parseOrRefuse(ProfileChangesSchema, changes);
    refuseBuiltIn(id, 'demoNotEdited');
    return this.file.change((document) => {
      const index = indexOrRefuse(document, id);
      const current = document.profiles[index]!;
      if (parsedChanges.displayName !== undefined) assertNameFree(document, parsedChanges.displayName, id);
      const { myDevice, board, desktop, history, ...plainChanges } = parsedChanges;
      const merged: Record<string, unknown> = {
        ...current,
        ...plainChanges,
        board: { ...current.board, ...board },
        desktop: { ...current.desktop, ...desktop },
        history: { ...current.history, ...history },
      };
      if (myDevice === null) delete merged['myDevice'];
      else if (myDevice !== undefined) merged['myDevice'] = myDevice;
      const updated = parseOrRefuse(UserProfileSchema, merged);
      document.profiles[index] = updated;
      return updated;
    });
  }

  /** A copy under a new id and a "(copy)" name. The secret is not copied: it belongs to one login. */
  async duplicate(id: string): Promise<UserProfile> {
    refuseBuiltIn(id, 'demoNotDuplicated');
    return this.file.change((document) => {
      const source = document.profiles[indexOrRefuse(document, id)]!;
      const copy: UserProfile = {
        ...structuredClone(source),
        id: this.newId(),
        displayName: freeName(document, `${source.displayName} (copy)`),
      };
      document.profiles.push(copy);
      return copy;
    });
  }

  /**
   * Removes the profile; false when it was already gone (another window got there first).
   * Deleting its secret is CredentialService.deleteProfile's job, which calls this.
   */
  async delete(id: string): Promise<boolean> {
    refuseBuiltIn(id, 'demoNotDeleted');
    return this.file.change((document) => {
      const index = document.profiles.findIndex((profile) => profile.id === id);
      if (index === -1) return false;
      document.profiles.splice(index, 1);
      if (document.lastUsedProfileId === id) delete document.lastUsedProfileId;
      return true;
    });
  }

  async setLastUsed(id: string): Promise<void> {
    await this.file.change((document) => {
      if (id !== DEMO_PROFILE_ID) indexOrRefuse(document, id);
      document.lastUsedProfileId = id;
    });
  }

  /** The given profiles (default: all) as JSON for another desk. Profiles never contain secrets. */
  async exportJson(ids?: readonly string[]): Promise<string> {
    const loaded = await this.file.read();
    const profiles = loaded.writable ? loaded.document.profiles : [];
    const chosen = ids === undefined ? profiles : profiles.filter((profile) => ids.includes(profile.id));
    return exportProfiles(chosen, this.now());
  }

  /** Adds the profiles of an exported file to the ones here (see addImported for what is skipped). */
  async importJson(text: string): Promise<ImportReport> {
    const entries = readExport(text);
    return this.file.change((document) => addImported(document, entries, this.newId));
  }
}

function refuseBuiltIn(id: string, reason: 'demoNotEdited' | 'demoNotDuplicated' | 'demoNotDeleted'): void {
  if (id === DEMO_PROFILE_ID) throw new ProfileError('builtInProfile', refusal(reason, {}));
}

function indexOrRefuse(document: ProfilesDocument, id: string): number {
  const index = document.profiles.findIndex((profile) => profile.id === id);
  if (index === -1) throw new ProfileError('notFound', refusal('profileDeleted', {}));
  return index;
}
