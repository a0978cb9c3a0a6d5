import type { Database } from 'better-sqlite3';
import { sqlMigration, type SchemaArea } from './migrations';
import { placeInNameOrder } from './name-order';
import { fillSearchColumns, reindexAll } from './search-index';

/**
 * The phonebook's tables. Version 1: sources, contacts and their numbers. Version 2: the search
 * index (two FTS5 tables keyed by contact id), built from the rows already there. Version 3: the
 * same texts as columns of `contacts`, in an index in name order. Version 4: each contact's place in
 * name order, and a trigram index keyed by it whose matches come out in name order (name-order.ts).
 */
export const contactsSchema: SchemaArea = {
  name: 'contacts',
  migrations: [
    sqlMigration(
      1,
      `
          CREATE TABLE sources (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('pbx', 'csv', 'vcard', 'ldap')),
            label TEXT NOT NULL,
            -- JSON the source needs to refresh itself; never a secret (those live in the OS keychain).
            settings TEXT NOT NULL DEFAULT '{}',
            refreshed_at TEXT
          ) STRICT;
          CREATE UNIQUE INDEX sources_one_pbx ON sources (kind) WHERE kind = 'pbx';
          CREATE TABLE contacts (
            id INTEGER PRIMARY KEY,
            source_id INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            company TEXT NOT NULL DEFAULT '',
            department TEXT NOT NULL DEFAULT '',
            -- A PBX user's extension: the board gives its lamp and presence.
            extension TEXT,
            sort_key TEXT NOT NULL
          ) STRICT;
          CREATE INDEX contacts_by_source ON contacts (source_id);
          CREATE INDEX contacts_by_sort_key ON contacts (sort_key);
          CREATE TABLE contact_numbers (
            contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('work', 'mobile', 'extension', 'other')),
            number TEXT NOT NULL,
            lookup_key TEXT NOT NULL
          ) STRICT;
          CREATE INDEX contact_numbers_by_contact ON contact_numbers (contact_id);
          CREATE INDEX contact_numbers_by_key ON contact_numbers (lookup_key);
      `,
    ),
    {
      version: 2,
      up: (db: Database) => {
        db.exec(`
          CREATE VIRTUAL TABLE contact_trigrams USING fts5 (
            text, content = '', contentless_delete = 1, tokenize = 'trigram'
          );
          CREATE VIRTUAL TABLE contact_words USING fts5 (
            text, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 0', prefix = '1 2'
          );
        `);
        reindexAll(db);
      },
    },
    {
      version: 3,
      up: (db: Database) => {
        db.exec(`
          ALTER TABLE contacts ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
          ALTER TABLE contacts ADD COLUMN search_words TEXT NOT NULL DEFAULT '';
          DROP INDEX contacts_by_sort_key;
          -- Covering: the walk reads names in order and tests their texts without visiting the table.
          CREATE INDEX contacts_in_order ON contacts (sort_key, id, search_text, search_words);
        `);
        fillSearchColumns(db);
      },
    },
    {
      version: 4,
      up: (db: Database) => {
        db.exec(`
          ALTER TABLE contacts ADD COLUMN name_order INTEGER;
          DROP INDEX contacts_in_order;
          CREATE INDEX contacts_by_sort_key ON contacts (sort_key, id, name_order);
          CREATE UNIQUE INDEX contacts_by_name_order ON contacts (name_order);
          CREATE VIRTUAL TABLE contact_grams USING fts5 (
            text, content = '', contentless_delete = 1, tokenize = 'trigram'
          );
        `);
        placeInNameOrder(db);
      },
    },
  ],
};
