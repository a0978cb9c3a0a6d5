import { sqlMigration, type SchemaArea } from './migrations';

/**
 * The call history's table. Version 1: one row per call, the record itself as JSON beside the
 * columns the filters read; `numbers` is `|101|+33612345678|` so "calls with this person" is one
 * LIKE, `search` everyone's names and numbers folded (case and accents ignored). Version 2: the last
 * call the operator has seen in the history, so the header counts only missed calls that came after.
 */
export const historySchema: SchemaArea = {
  name: 'history',
  migrations: [
    sqlMigration(
      1,
      `
          CREATE TABLE history_calls (
            id INTEGER PRIMARY KEY,
            started_at INTEGER NOT NULL,
            ended_at INTEGER NOT NULL,
            mine INTEGER NOT NULL CHECK (mine IN (0, 1)),
            outcome TEXT NOT NULL,
            numbers TEXT NOT NULL,
            search TEXT NOT NULL,
            record TEXT NOT NULL
          ) STRICT;
          CREATE INDEX history_calls_by_start ON history_calls (started_at);
          CREATE INDEX history_calls_by_end ON history_calls (ended_at);
      `,
    ),
    sqlMigration(
      2,
      `
          CREATE TABLE history_seen (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            last_call_id INTEGER NOT NULL
          ) STRICT;
          INSERT INTO history_seen (id, last_call_id) VALUES (1, 0);
      `,
    ),
  ],
};
