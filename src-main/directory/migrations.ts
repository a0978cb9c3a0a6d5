import type { Database } from 'better-sqlite3';

/**
 * One numbered step of a schema area. Steps run in order, each in its own transaction together
 * with the version bump, so a process killed mid-migration leaves the file at the last whole step.
 */
export interface Migration {
  readonly version: number;
  readonly up: (db: Database) => void;
}

/** A step that is only SQL (tables and indexes created, no rows to rewrite). */
export function sqlMigration(version: number, sql: string): Migration {
  return { version, up: (db) => db.exec(sql) };
}

/**
 * The tables one room owns in the profile's database (the phonebook's, the call history's), with
 * its own numbered migrations: areas are versioned apart, so one room adding a step never renumbers
 * another's. Versions start at 1 and go up by one.
 */
export interface SchemaArea {
  readonly name: string;
  readonly migrations: readonly Migration[];
}

/** The area's version in a file: 0 when the area has no tables there yet (or the file none at all). */
export function areaVersion(db: Database, area: string): number {
  const versioned = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_versions'").get();
  if (!versioned) return 0;
  const row = db.prepare('SELECT version FROM schema_versions WHERE area = ?').get(area) as
    { version: number } | undefined;
  return row?.version ?? 0;
}

export class NewerSchemaError extends Error {
  override readonly name = 'NewerSchemaError';
  constructor(
    readonly area: string,
    readonly fileVersion: number,
    readonly knownVersion: number,
  ) {
    super(`the ${area} tables are at version ${fileVersion}; this Switchboard knows up to ${knownVersion}`);
  }
}

/**
 * Brings every area to its newest version. A file from a newer Switchboard is left untouched. A
 * file already at the newest versions is only read: opening it does not wait for the write lock,
 * which another window or process may hold for longer than the busy timeout.
 */
export function migrate(db: Database, areas: readonly SchemaArea[]): void {
  const due = areas.filter((area) => {
    checkNumbering(area);
    const known = area.migrations.length;
    const inFile = areaVersion(db, area.name);
    if (inFile > known) throw new NewerSchemaError(area.name, inFile, known);
    return inFile < known;
  });
  if (due.length === 0) return;
  db.exec('CREATE TABLE IF NOT EXISTS schema_versions (area TEXT PRIMARY KEY, version INTEGER NOT NULL) STRICT');
  const setVersion = db.prepare(
    'INSERT INTO schema_versions (area, version) VALUES (?, ?) ON CONFLICT (area) DO UPDATE SET version = excluded.version',
  );
  for (const area of due) {
    for (const step of area.migrations) {
      // IMMEDIATE: a second process migrating the same file waits (busy timeout), then sees the step done.
      db.transaction(() => {
        if (areaVersion(db, area.name) >= step.version) return;
        step.up(db);
        setVersion.run(area.name, step.version);
      }).immediate();
    }
  }
}

function checkNumbering(area: SchemaArea): void {
  area.migrations.forEach((step, index) => {
    if (step.version !== index + 1)
      throw new Error(`schema area ${area.name}: step ${index + 1} is numbered ${step.version}`);
  });
}
