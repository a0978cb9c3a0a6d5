import type { Database, Statement } from 'better-sqlite3';
import { cjkGrams, digitsOf, fold } from './search-text';

/** What of a contact is searched: its words (folded) and its numbers' digits. */
export interface IndexedContact {
  readonly name: string;
  readonly company: string;
  readonly department: string;
  readonly numbers: readonly { readonly number: string; readonly lookupKey: string }[];
}

/**
 * The two search indexes of one contact: trigrams find any part of three characters or more
 * ("kasz" in "Łukasz"); words find the start of a word and CJK pieces shorter than three.
 */
const statements = new WeakMap<
  Database,
  Record<'addTrigrams' | 'addWords' | 'dropTrigrams' | 'dropWords', Statement>
>();

function statementsOf(db: Database) {
  let prepared = statements.get(db);
  if (!prepared) {
    prepared = {
      addTrigrams: db.prepare('INSERT INTO contact_trigrams (rowid, text) VALUES (?, ?)'),
      addWords: db.prepare('INSERT INTO contact_words (rowid, text) VALUES (?, ?)'),
      dropTrigrams: db.prepare('DELETE FROM contact_trigrams WHERE rowid = ?'),
      dropWords: db.prepare('DELETE FROM contact_words WHERE rowid = ?'),
    };
    statements.set(db, prepared);
  }
  return prepared;
}

export function indexContact(db: Database, id: number, contact: IndexedContact): void {
  const words = [contact.name, contact.company, contact.department].map(fold).join('\n');
  const digits = [...new Set(contact.numbers.flatMap(({ number, lookupKey }) => [digitsOf(number), lookupKey]))]
    .filter(Boolean)
    .join(' ');
  const grams = cjkGrams(words).join(' ');
  const { addTrigrams, addWords } = statementsOf(db);
  addTrigrams.run(id, `${words}\n${digits}`);
  addWords.run(id, `${words}\n${grams}\n${digits}`);
}

export function unindexContact(db: Database, id: number): void {
  const { dropTrigrams, dropWords } = statementsOf(db);
  dropTrigrams.run(id);
  dropWords.run(id);
}

/** Builds both indexes from the contacts table, as the migration that introduced them must. */
export function reindexAll(db: Database): void {
  db.exec('DELETE FROM contact_trigrams; DELETE FROM contact_words;');
  const numbers = db.prepare('SELECT number, lookup_key AS lookupKey FROM contact_numbers WHERE contact_id = ?');
  const contacts = db.prepare('SELECT id, name, company, department FROM contacts').all() as {
    id: number;
    name: string;
    company: string;
    department: string;
  }[];
  for (const row of contacts)
    indexContact(db, row.id, { ...row, numbers: numbers.all(row.id) as IndexedContact['numbers'] });
}
