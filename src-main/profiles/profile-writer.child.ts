/**
 * Run by profile-store.processes.test.ts, twice at once: another Switchboard process creating profiles
 * in the same user-data folder. Prints how many creations it was told succeeded.
 */
import { ProfileStore } from './profile-store';

const userDataDir = process.env['WRITER_USER_DATA_DIR'];
const prefix = process.env['WRITER_PREFIX'];
const count = Number(process.env['WRITER_COUNT']);
if (!userDataDir || !prefix || !(count > 0)) throw new Error('WRITER_* variables are required');

const store = new ProfileStore({ userDataDir });
const created = await Promise.all(
  Array.from({ length: count }, (_, index) =>
    store.create({ displayName: `${prefix} ${index + 1}`, host: 'pbx.example.org', username: 'reception' }),
  ),
);
process.stdout.write(JSON.stringify({ created: created.length }));
