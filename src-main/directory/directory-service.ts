import type { CsvMapping, DirectoryOverview, ImportReport, LdapSettings } from '../../src-shared/directory-results';
import type { ExtensionTile, PicturePatch } from '../../src-preload/state';
import { refusal, type Refusal } from '../../src-shared/refusals';
import { inEnglish } from '../english-words';
import { OperatorError } from '../ipc/gatekeeper';
import type { PictureStore } from '../pbx/picture-store';
import { VaultUnavailableError, type SecretVault } from '../profiles/vault';
import type { NewContact } from './contact-store';
import { ProfileDirectory } from './profile-directory';
import { contactsFromCsv } from './sources/csv';
import { fetchLdapContacts, LdapSourceError } from './sources/ldap';
import { contactsFromVcard } from './sources/vcard';

/** The least time between two writes of the PBX's users: a burst of name changes is written once. */
const PBX_SYNC_DELAY_MS = 300;
export const PBX_SOURCE_LABEL = 'The PBX';

/** The keychain account of an LDAP source's bind secret: beside the profile's AMI secret, never in the database. */
export const ldapSecretAccount = (profileId: string, sourceId: number) => `${profileId}/ldap/${sourceId}`;

interface SourceRow {
  id: number;
  kind: DirectoryOverview['sources'][number]['kind'];
  label: string;
  settings: string;
  refreshedAt: string | null;
  contacts: number;
}

/**
 * The logged-in profile's phonebook behind the contract: opened at login, closed at logout; keeps
 * the PBX's users in step with the board; imports files and reads LDAP servers.
 */
export class DirectoryService {
  private current: { profileId: string; directory: ProfileDirectory } | undefined;
  private stopWatching: (() => void) | undefined;
  private syncTimer: NodeJS.Timeout | undefined;
  /** The PBX's users as last written to the phonebook: board id → the name written. */
  private noted: ReadonlyMap<string, string> = new Map();
  /** A sync found the board empty: whoever it is filled with next is compared whole with `noted`. */
  private boardWasEmpty = false;

  constructor(
    private readonly options: {
      readonly userDataDir: string;
      readonly vault: SecretVault;
      readonly store: PictureStore;
      readonly onProblem: (message: string) => void;
      readonly onError: (message: string, error: unknown) => void;
      /** The entries changed: searches the page shows are out of date. */
      readonly onChanged: () => void;
    },
  ) {}

  /** The open phonebook, for the rooms that keep rows in it (the call history). */
  get directory(): ProfileDirectory | undefined {
    return this.current?.directory;
  }

  open(profileId: string): void {
    this.close();
    try {
      const directory = new ProfileDirectory(this.options.userDataDir, profileId);
      this.current = { profileId, directory };
      if (directory.problem) this.options.onProblem(inEnglish(directory.problem.said));
    } catch (error) {
      this.options.onError('could not open the phonebook', error);
      return;
    }
    // What an earlier login wrote: a PBX naming the same people is not written again at login.
    this.noted = notedPbxUsers(this.current.directory);
    this.boardWasEmpty = false;
    this.stopWatching = this.options.store.onPatch((patch) => {
      if (patch.collection === 'extensions' && this.changesUsers(patch)) this.scheduleSync();
    });
    this.scheduleSync();
  }

  close(): void {
    this.stopWatching?.();
    this.stopWatching = undefined;
    clearTimeout(this.syncTimer);
    this.syncTimer = undefined;
    this.current?.directory.close();
    this.current = undefined;
  }

  overview(): DirectoryOverview {
    const { directory } = this.need();
    const rows = directory.db
      .prepare(
        `SELECT s.id, s.kind, s.label, s.settings, s.refreshed_at AS refreshedAt,
           (SELECT count(*) FROM contacts c WHERE c.source_id = s.id) AS contacts
         FROM sources s ORDER BY s.kind = 'pbx' DESC, s.id`,
      )
      .all() as SourceRow[];
    return {
      problem: directory.problem,
      sources: rows.map((row) => ({
        id: row.id,
        kind: row.kind,
        label: row.label,
        contacts: row.contacts,
        refreshedAt: row.refreshedAt ?? undefined,
        ...(row.kind === 'ldap' && { ldap: JSON.parse(row.settings) as LdapSettings }),
      })),
    };
  }

  search(query: string, limit: number, offset: number) {
    return this.need().directory.search.search(query, limit, offset);
  }

  lookup(number: string) {
    return this.need().directory.search.lookup(number) ?? null;
  }

  importCsv(fileName: string, text: string, mapping: CsvMapping): ImportReport {
    return this.importFile('csv', fileName, contactsFromCsv(text, mapping));
  }

  importVcard(fileName: string, text: string): ImportReport {
    return this.importFile('vcard', fileName, contactsFromVcard(text));
  }

  async removeSource(id: number): Promise<null> {
    const { directory, profileId } = this.need();
    const kind = directory.db.prepare('SELECT kind FROM sources WHERE id = ?').pluck().get(id);
    if (kind === undefined || kind === 'pbx') throw new OperatorError('sourceNotFound', refusal('sourceGone', {}));
    directory.contacts.removeSource(id);
    this.options.onChanged();
    if (kind === 'ldap') await this.keep(() => this.options.vault.delete(ldapSecretAccount(profileId, id)));
    return null;
  }

  /**
   * Reads an LDAP server and, when it answered, saves it as a source (new when `id` is absent) with
   * what it returned. The secret goes to the keychain only, and only once the server accepted it.
   */
  async saveLdap(settings: LdapSettings, secret: string | undefined, id?: number): Promise<ImportReport> {
    const { directory, profileId } = this.need();
    if (id !== undefined) this.ldapSettingsOf(directory, id);
    const bindSecret = secret ?? (id === undefined ? undefined : await this.savedSecret(profileId, id));
    const contacts = await this.fetchLdap(directory, settings, bindSecret);
    const label = new URL(settings.url).host;
    const sourceId = directory.db
      .transaction(() => {
        const saved = id ?? directory.contacts.addSource('ldap', label, settings);
        directory.db
          .prepare('UPDATE sources SET settings = ?, label = ? WHERE id = ?')
          .run(JSON.stringify(settings), label, saved);
        directory.contacts.replaceContacts(saved, contacts);
        return saved;
      })
      .immediate();
    this.options.onChanged();
    if (secret !== undefined)
      await this.keep(() => this.options.vault.set(ldapSecretAccount(profileId, sourceId), secret));
    return { imported: contacts.length, skipped: [] };
  }

  async refreshLdap(id: number): Promise<ImportReport> {
    const { directory, profileId } = this.need();
    const settings = this.ldapSettingsOf(directory, id);
    const contacts = await this.fetchLdap(directory, settings, await this.savedSecret(profileId, id));
    directory.contacts.replaceContacts(id, contacts);
    this.options.onChanged();
    return { imported: contacts.length, skipped: [] };
  }

  private ldapSettingsOf(directory: ProfileDirectory, id: number): LdapSettings {
    const settings = directory.db
      .prepare("SELECT settings FROM sources WHERE id = ? AND kind = 'ldap'")
      .pluck()
      .get(id);
    if (typeof settings !== 'string') throw new OperatorError('sourceNotFound', refusal('directoryServerGone', {}));
    return JSON.parse(settings) as LdapSettings;
  }

  private savedSecret(profileId: string, id: number): Promise<string | undefined> {
    return this.keep(() => this.options.vault.get(ldapSecretAccount(profileId, id)));
  }

  private async keep<T>(use: () => Promise<T>): Promise<T> {
    try {
      return await use();
    } catch (error) {
      if (error instanceof VaultUnavailableError) throw new OperatorError('vaultUnavailable', error.said);
      throw error;
    }
  }

  private async fetchLdap(directory: ProfileDirectory, settings: LdapSettings, secret: string | undefined) {
    let contacts: NewContact[];
    try {
      contacts = await fetchLdapContacts(settings, secret);
    } catch (error) {
      if (error instanceof LdapSourceError) throw new OperatorError(error.code, error.said);
      throw error;
    }
    // The profile may have logged out while the server answered.
    if (this.current?.directory !== directory) throw new OperatorError('directoryUnavailable', CLOSED);
    return contacts;
  }

  private importFile(
    kind: 'csv' | 'vcard',
    fileName: string,
    parsed: { contacts: NewContact[]; skipped: ImportReport['skipped'] } | { error: Refusal },
  ): ImportReport {
    const { directory } = this.need();
    if ('error' in parsed) throw new OperatorError('importRefused', parsed.error);
    const existing = directory.db
      .prepare('SELECT id FROM sources WHERE kind = ? AND label = ?')
      .pluck()
      .get(kind, fileName) as number | undefined;
    // Importing a file of the same name again replaces what it brought last time.
    directory.db
      .transaction(() => {
        const sourceId = existing ?? directory.contacts.addSource(kind, fileName);
        directory.contacts.replaceContacts(sourceId, parsed.contacts);
      })
      .immediate();
    this.options.onChanged();
    return { imported: parsed.contacts.length, skipped: parsed.skipped };
  }

  /**
   * Whether a patch of the board adds or removes someone noted, or renames them: a lamp changes
   * nothing the phonebook holds, and costs one look-up per tile patched. A board filled again after
   * it was empty may lack someone noted, which no patch would say.
   */
  private changesUsers(patch: PicturePatch & { collection: 'extensions' }): boolean {
    return (
      this.boardWasEmpty ||
      patch.remove.some((id) => this.noted.has(id)) ||
      patch.upsert.some((tile) => this.noted.get(tile.id) !== pbxUser(tile).name)
    );
  }

  /**
   * At most one sync per PBX_SYNC_DELAY_MS, and never put off by the next change: on a busy PBX the
   * lamps change more often than that, and a sync that waited for a quiet moment would never run.
   */
  private scheduleSync(): void {
    if (this.syncTimer) return;
    this.syncTimer = setTimeout(() => {
      this.syncTimer = undefined;
      this.syncPbxUsers();
    }, PBX_SYNC_DELAY_MS);
    this.syncTimer.unref();
  }

  /**
   * Everyone on the board, as the PBX names them, replaces the PBX source when that changed (a
   * rename undone within the delay writes nothing). An empty board (logged out of the PBX, not yet
   * read) keeps the users last noted.
   */
  private syncPbxUsers(): void {
    const current = this.current;
    if (!current) return;
    const tiles = this.options.store.values('extensions');
    this.boardWasEmpty = tiles.length === 0;
    if (this.boardWasEmpty) return;
    const users = tiles.map(pbxUser);
    if (users.length === this.noted.size && users.every((user) => this.noted.get(user.extension) === user.name)) return;
    try {
      const source = current.directory.contacts.addSource('pbx', PBX_SOURCE_LABEL);
      current.directory.contacts.replaceContacts(source, users);
      this.noted = new Map(users.map((user) => [user.extension, user.name]));
      this.options.onChanged();
    } catch (error) {
      this.options.onError('could not note the PBX’s users in the phonebook', error);
    }
  }

  private need(): { profileId: string; directory: ProfileDirectory } {
    if (!this.current) throw new OperatorError('directoryUnavailable', CLOSED);
    return this.current;
  }
}

const CLOSED = refusal('phonebookClosed', {});

/** The PBX's users the phonebook holds: board id → name. */
function notedPbxUsers(directory: ProfileDirectory): Map<string, string> {
  const rows = directory.db
    .prepare(
      `SELECT c.extension, c.name FROM contacts c JOIN sources s ON s.id = c.source_id
       WHERE s.kind = 'pbx' AND c.extension IS NOT NULL`,
    )
    .all() as Array<{ extension: string; name: string }>;
  return new Map(rows.map((row) => [row.extension, row.name]));
}

function pbxUser(tile: ExtensionTile): NewContact & { extension: string } {
  return {
    name: tile.name || tile.exten,
    extension: tile.id,
    numbers: [{ kind: 'extension', number: tile.exten }],
  };
}
