import type { Database, Statement } from 'better-sqlite3';
import { cjkGrams, digitsOf, fold, wordTokens } from './search-text';

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

/** The text each index holds for one contact: trigrams any part, words the start of each word. */
function indexedTexts(contact: IndexedContact): { trigrams: string; words: string } {
  const words = [contact.name, contact.company, contact.department].map(fold).join('\n');
  const digits = [...new Set(contact.numbers.flatMap(({ number, lookupKey }) => [digitsOf(number), lookupKey]))]
    .filter(Boolean)
    .join(' ');
  const grams = cjkGrams(words).join(' ');
  return { trigrams: `${words}\n${digits}`, words: `${words}\n${grams}\n${digits}` };
}

/**
 * The same texts as the contact's two columns the name-order index is built from (name-order.ts): the trigram
 * text as it is, and the words as FTS5's unicode61 sees them, each after a space and before one.
 */
export function searchColumns(contact: IndexedContact): { searchText: string; searchWords: string } {
  const { trigrams, words } = indexedTexts(contact);
  return { searchText: trigrams, searchWords: ` ${wordTokens(words).join(' ')} ` };
}

export function indexContact(db: Database, id: number, contact: IndexedContact): void {
  const { trigrams, words } = indexedTexts(contact);
  const { addTrigrams, addWords } = statementsOf(db);
  addTrigrams.run(id, trigrams);
  addWords.run(id, words);
}

export function unindexContact(db: Database, id: number): void {
  const { dropTrigrams, dropWords } = statementsOf(db);
  dropTrigrams.run(id);
  dropWords.run(id);
}

/** Every stored contact with what its indexes hold, for a migration that builds an index from the rows. */
function storedContacts(db: Database): (IndexedContact & { id: number })[] {
  const numbers = db.prepare('SELECT number, lookup_key AS lookupKey FROM contact_numbers WHERE contact_id = ?');
  const contacts = db.prepare('SELECT id, name, company, department FROM contacts').all() as {
    id: number;
    name: string;
    company: string;
    department: string;
  }[];
  return contacts.map((row) => ({ ...row, numbers: numbers.all(row.id) as IndexedContact['numbers'] }));
}

/** Builds both indexes from the contacts table, as the migration that introduced them must. */
export function reindexAll(db: Database): void {
  db.exec('DELETE FROM contact_trigrams; DELETE FROM contact_words;');
  for (const contact of storedContacts(db)) indexContact(db, contact.id, contact);
}

/** Fills the two search columns from the contacts table, as the migration that added them must. */
export function fillSearchColumns(db: Database): void {
  const update = db.prepare('UPDATE contacts SET search_text = ?, search_words = ? WHERE id = ?');
  for (const contact of storedContacts(db)) {
    const { searchText, searchWords } = searchColumns(contact);
    update.run(searchText, searchWords, contact.id);
  }
}
