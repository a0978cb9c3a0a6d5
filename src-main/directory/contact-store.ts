import type { Database } from 'better-sqlite3';
import type { NumberKind, SourceKind } from '../../src-shared/directory-results';
import { placeInNameOrder, unplace } from './name-order';
import { indexContact, searchColumns, unindexContact } from './search-index';
import { fold, numberKey } from './search-text';

/** One person or place as a source gives it, before it is stored. */
export interface NewContact {
  readonly name: string;
  readonly company?: string;
  readonly department?: string;
  readonly extension?: string;
  readonly numbers: readonly { readonly kind: NumberKind; readonly number: string }[];
}

/**
 * Writes the phonebook: each source's contacts are replaced as a whole in one transaction, so an
 * import or a refresh is all-or-nothing and a killed process leaves the previous set intact.
 */
export class ContactStore {
  constructor(
    private readonly db: Database,
    /** Region numbers without a country code are read in (ISO 3166 code, e.g. "US"). */
    private readonly region: string,
  ) {}

  /** The PBX's source is one per database; file and LDAP sources are one per import or server. */
  addSource(kind: SourceKind, label: string, settings: object = {}): number {
    if (kind === 'pbx') {
      const existing = this.db.prepare("SELECT id FROM sources WHERE kind = 'pbx'").get() as { id: number } | undefined;
      if (existing) return existing.id;
    }
    const result = this.db
      .prepare('INSERT INTO sources (kind, label, settings) VALUES (?, ?, ?)')
      .run(kind, label, JSON.stringify(settings));
    return Number(result.lastInsertRowid);
  }

  removeSource(sourceId: number): void {
    this.db
      .transaction(() => {
        this.deleteContactsOf(sourceId);
        this.db.prepare('DELETE FROM sources WHERE id = ?').run(sourceId);
      })
      .immediate();
  }

  replaceContacts(sourceId: number, contacts: readonly NewContact[], refreshedAt = new Date()): void {
    const insertContact = this.db.prepare(
      `INSERT INTO contacts (source_id, name, company, department, extension, sort_key, search_text, search_words)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertNumber = this.db.prepare(
      'INSERT INTO contact_numbers (contact_id, kind, number, lookup_key) VALUES (?, ?, ?, ?)',
    );
    this.db
      .transaction(() => {
        this.deleteContactsOf(sourceId);
        for (const contact of contacts) {
          const company = contact.company ?? '';
          const department = contact.department ?? '';
          const numbers = contact.numbers.map(({ kind, number }) => ({
            kind,
            number,
            lookupKey: numberKey(number, this.region),
          }));
          const indexed = { name: contact.name, company, department, numbers };
          const { searchText, searchWords } = searchColumns(indexed);
          const id = Number(
            insertContact.run(
              sourceId,
              contact.name,
              company,
              department,
              contact.extension ?? null,
              fold(contact.name),
              searchText,
              searchWords,
            ).lastInsertRowid,
          );
          for (const number of numbers) insertNumber.run(id, number.kind, number.number, number.lookupKey);
          indexContact(this.db, id, indexed);
        }
        placeInNameOrder(this.db);
        this.db.prepare('UPDATE sources SET refreshed_at = ? WHERE id = ?').run(refreshedAt.toISOString(), sourceId);
      })
      .immediate();
  }

  private deleteContactsOf(sourceId: number): void {
    const ids = this.db.prepare('SELECT id FROM contacts WHERE source_id = ?').pluck().all(sourceId) as number[];
    unplace(this.db, ids);
    for (const id of ids) unindexContact(this.db, id);
    this.db.prepare('DELETE FROM contacts WHERE source_id = ?').run(sourceId);
  }
}
