/**
 * Run by database.processes.test.ts: another Switchboard process writing the profile's phonebook.
 * WRITER_MODE=hold imports WRITER_COUNT contacts in one transaction, says so on stdout and waits
 * there to be killed; WRITER_MODE=batches imports WRITER_COUNT batches of 50, one source each, telling each commit,
 * a moment apart as a person's imports are: SQLite's busy handler does not take turns, so two loops
 * that begin the next write the instant the last commits can starve one past the busy timeout.
 */
import { ContactStore, type NewContact } from './contact-store';
import { openDirectoryDatabase } from './database';
import { SCHEMA_AREAS } from './schema-areas';

const userDataDir = process.env['WRITER_USER_DATA_DIR'];
const mode = process.env['WRITER_MODE'];
const prefix = process.env['WRITER_PREFIX'] ?? 'Writer';
const count = Number(process.env['WRITER_COUNT']);
const BETWEEN_IMPORTS_MS = 20;
if (!userDataDir || !(count > 0)) throw new Error('WRITER_* variables are required');

const { db } = openDirectoryDatabase({ userDataDir, profileId: 'office', areas: SCHEMA_AREAS });
const contacts = new ContactStore(db, 'US');
const people = (size: number, batch: number): NewContact[] =>
  Array.from({ length: size }, (_, index) => ({
    name: `${prefix} ${batch}-${index}`,
    numbers: [{ kind: 'work', number: `+1 202 555 ${String(index).padStart(4, '0')}` }],
  }));

if (mode === 'hold') {
  // The store's own write path, inside a transaction the test kills before it commits.
  db.prepare('BEGIN IMMEDIATE').run();
  const source = contacts.addSource('csv', `${prefix}.csv`);
  contacts.replaceContacts(source, people(count, 0));
  process.stdout.write('inside\n');
  setInterval(() => undefined, 1_000);
} else if (mode === 'batches') {
  for (let batch = 0; batch < count; batch++) {
    contacts.replaceContacts(contacts.addSource('csv', `${prefix}-${batch}.csv`), people(50, batch));
    process.stdout.write(`committed ${batch + 1}\n`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, BETWEEN_IMPORTS_MS);
  }
  db.close();
} else throw new Error(`unknown WRITER_MODE ${String(mode)}`);
