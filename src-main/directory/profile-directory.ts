import type { Database } from 'better-sqlite3';
import type { DirectoryProblem } from '../../src-shared/directory-results';
import { ContactStore } from './contact-store';
import { openDirectoryDatabase } from './database';
import { SCHEMA_AREAS } from './schema-areas';
import { DirectorySearch } from './search';

/** The region a number without a country code is read in: the OS locale's, else the US. */
export function localRegion(): string {
  const locale = new Intl.Locale(Intl.DateTimeFormat().resolvedOptions().locale);
  return locale.maximize().region ?? 'US';
}

/**
 * One login profile's phonebook and call history: its database, opened when the profile logs in
 * and closed when it logs out. The call history writes there from its own thread, through `path`.
 */
export class ProfileDirectory {
  readonly db: Database;
  /** The database file, for the call history's writer thread to open too. */
  readonly path: string;
  readonly contacts: ContactStore;
  readonly search: DirectorySearch;
  /** The file found at opening could not be read and was kept aside. */
  readonly problem: DirectoryProblem | undefined;

  constructor(userDataDir: string, profileId: string, region = localRegion()) {
    const opened = openDirectoryDatabase({ userDataDir, profileId, areas: SCHEMA_AREAS });
    this.db = opened.db;
    this.path = opened.path;
    this.problem = opened.problem;
    this.contacts = new ContactStore(this.db, region);
    this.search = new DirectorySearch(this.db, region);
  }

  close(): void {
    this.db.close();
  }
}
