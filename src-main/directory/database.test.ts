import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inEnglish } from '../english-words';
import { ContactStore } from './contact-store';
import { contactsSchema } from './contacts-schema';
import { indexContact, searchColumns } from './search-index';
import { DirectorySearch } from './search';
import { databasePath, openDirectoryDatabase } from './database';
import { NewerSchemaError, areaVersion, type SchemaArea } from './migrations';
import { SCHEMA_AREAS } from './schema-areas';

let userDataDir: string;
beforeEach(async () => {
  userDataDir = await mkdtemp(join(tmpdir(), 'switchboard-directory-'));
});
afterEach(async () => {
  await rm(userDataDir, { recursive: true, force: true });
});

const open = (areas: readonly SchemaArea[] = SCHEMA_AREAS) =>
  openDirectoryDatabase({ userDataDir, profileId: 'office', areas, now: () => new Date('2026-12-01T10:00:00Z') });
const trigramHits = (db: BetterSqlite3.Database, text: string) =>
  db.prepare('SELECT rowid FROM contact_trigrams WHERE contact_trigrams MATCH ?').pluck().all(`"${text}"`);

describe('the profile database on disk', () => {
  it('is created from nothing in <userData>/directory/<profile>.sqlite, in WAL mode, at the newest schema', () => {
    const { db, path, problem } = open();
    expect(path).toBe(join(userDataDir, 'directory', 'office.sqlite'));
    expect(problem).toBeUndefined();
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(areaVersion(db, 'contacts')).toBe(contactsSchema.migrations.length);
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['sources', 'contacts', 'contact_numbers', 'contact_trigrams']));
    db.close();
  });

  it('keeps one file per profile', () => {
    expect(databasePath(userDataDir, 'demo')).not.toBe(databasePath(userDataDir, 'office'));
    expect(() => databasePath(userDataDir, '../profiles')).toThrow();
  });

  /** A file written by the Switchboard whose newest step was `version`: Łukasz Wróbel stored as it stored him. */
  const fileAt = (version: number, index: (db: BetterSqlite3.Database) => void) => {
    const old = open([{ ...contactsSchema, migrations: contactsSchema.migrations.slice(0, version) }]).db;
    old.prepare("INSERT INTO sources (id, kind, label) VALUES (1, 'csv', 'staff.csv')").run();
    old
      .prepare("INSERT INTO contacts (id, source_id, name, sort_key) VALUES (7, 1, 'Łukasz Wróbel', 'lukasz wrobel')")
      .run();
    old
      .prepare(
        "INSERT INTO contact_numbers (contact_id, kind, number, lookup_key) VALUES (7, 'work', '202-555-0143', '12025550143')",
      )
      .run();
    index(old);
    old.close();
  };

  it('brings a file from before the search index up to date and keeps, and indexes, what it held', () => {
    fileAt(1, () => {});
    const { db } = open();
    expect(areaVersion(db, 'contacts')).toBe(contactsSchema.migrations.length);
    expect(db.prepare('SELECT name FROM contacts').pluck().all()).toEqual(['Łukasz Wróbel']);
    expect(trigramHits(db, 'kasz')).toEqual([7]);
    expect(trigramHits(db, '0143')).toEqual([7]);
    expect(new DirectorySearch(db, 'US').search('wrob', 5).entries.map((entry) => entry.id)).toEqual([7]);
    db.close();
  });

  it('brings a file at the previous schema up to date: its contacts take places in name order and are found there', () => {
    const contact = {
      name: 'Łukasz Wróbel',
      company: '',
      department: '',
      numbers: [{ number: '202-555-0143', lookupKey: '12025550143' }],
    };
    fileAt(contactsSchema.migrations.length - 1, (db) => {
      indexContact(db, 7, contact);
      const { searchText, searchWords } = searchColumns(contact);
      db.prepare('UPDATE contacts SET search_text = ?, search_words = ? WHERE id = 7').run(searchText, searchWords);
    });
    const { db } = open();
    expect(areaVersion(db, 'contacts')).toBe(contactsSchema.migrations.length);
    expect(db.prepare('SELECT name_order FROM contacts').pluck().get()).toBeGreaterThan(0);
    const search = new DirectorySearch(db, 'US');
    for (const query of ['kasz', 'wr', 'l', '0143', 'lukasz wrob'])
      expect(
        search.search(query, 5).entries.map((entry) => entry.id),
        query,
      ).toEqual([7]);
    expect(search.search('kaszx', 5).entries).toEqual([]);
    db.close();
  });

  it('runs a room’s own schema area beside the others, each at its own version', () => {
    const notes: SchemaArea = {
      name: 'notes',
      migrations: [
        { version: 1, up: (db) => db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT) STRICT') },
      ],
    };
    const { db } = open([...SCHEMA_AREAS, notes]);
    expect(areaVersion(db, 'notes')).toBe(1);
    expect(areaVersion(db, 'contacts')).toBe(contactsSchema.migrations.length);
    db.close();
  });

  it('leaves a step that fails undone and the file at the last whole step', () => {
    const failing: SchemaArea = {
      name: 'notes',
      migrations: [
        { version: 1, up: (db) => db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY) STRICT') },
        {
          version: 2,
          up: (db) => {
            db.exec('ALTER TABLE notes ADD COLUMN text TEXT');
            throw new Error('disk full');
          },
        },
      ],
    };
    expect(() => open([failing])).toThrow('disk full');
    const db = new BetterSqlite3(databasePath(userDataDir, 'office'));
    expect(areaVersion(db, 'notes')).toBe(1);
    expect(db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('notes')).toEqual(['id']);
    db.close();
  });

  it('refuses a file written by a newer Switchboard and leaves it as it was', () => {
    open().db.close();
    const raw = new BetterSqlite3(databasePath(userDataDir, 'office'));
    raw.prepare("UPDATE schema_versions SET version = 99 WHERE area = 'contacts'").run();
    raw.close();
    expect(() => open()).toThrow(NewerSchemaError);
    const again = new BetterSqlite3(databasePath(userDataDir, 'office'));
    expect(areaVersion(again, 'contacts')).toBe(99);
    again.close();
  });
});

describe('a database file that cannot be read', () => {
  it('is moved aside byte for byte with its log, reported, and an empty phonebook started', async () => {
    const path = databasePath(userDataDir, 'office');
    open().db.close();
    const garbage = Buffer.from('this is not a database, it is a shopping list\n'.repeat(200));
    await writeFile(path, garbage);
    await writeFile(`${path}-wal`, 'stale log');

    const { db, problem } = open();
    const backupPath = `${path}.corrupt-2026-12-01T10-00-00.000Z`;
    expect(problem).toEqual({
      kind: 'recoveredFromCorruptFile',
      backupPath,
      said: { reason: 'fileNotDatabase', values: { backupPath } },
    });
    expect(inEnglish(problem!.said)).toBe(
      `The phonebook and call history file could not be read: it is not a database. It was kept at ${backupPath} and an empty one was started.`,
    );
    expect(await readFile(backupPath)).toEqual(garbage);
    expect(await readFile(`${backupPath}-wal`, 'utf8')).toBe('stale log');
    expect(db.prepare('SELECT count(*) FROM contacts').pluck().get()).toBe(0);
    db.close();
  });

  it('is moved aside when its pages are damaged, and a second damaged file is kept beside the first', async () => {
    const path = databasePath(userDataDir, 'office');
    const first = open();
    const store = new ContactStore(first.db, 'US');
    store.replaceContacts(
      store.addSource('csv', 'staff.csv'),
      Array.from({ length: 3000 }, (_, index) => ({ name: `Person ${index}`, numbers: [] })),
    );
    first.db.pragma('wal_checkpoint(TRUNCATE)');
    first.db.close();
    const bytes = await readFile(path);
    // Pages past the header overwritten: the file still opens, the B-trees no longer hold together.
    bytes.fill(0xa5, 8192, 8192 + 16384);
    await writeFile(path, bytes);

    const { db, problem } = open();
    expect(problem?.said).toMatchObject({ reason: 'filePagesDamaged', values: { backupPath: problem?.backupPath } });
    // Buffer.equals: a deep equality walks a 1.5 MB file byte by byte for half a minute on a loaded machine.
    expect((await readFile(problem!.backupPath)).equals(bytes)).toBe(true);
    db.close();

    await writeFile(path, 'garbage again, twice as bad, '.repeat(100));
    const again = open();
    expect(again.problem?.backupPath).toBe(`${problem!.backupPath}-2`);
    again.db.close();
    const kept = (await readdir(join(userDataDir, 'directory'))).filter((name) => /\.corrupt-.*Z(-2)?$/.test(name));
    expect(kept).toHaveLength(2);
  });
});
