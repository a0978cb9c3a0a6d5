import { sqlMigration, type SchemaArea } from './migrations';

/**
 * The call history's table. Version 1: one row per call, the record itself as JSON beside the
 * columns the filters read; `numbers` is `|101|+33612345678|` so "calls with this person" is one
 * LIKE, `search` everyone's names and numbers folded (case and accents ignored).
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
  ],
};
