/**
 * Run by call-history.processes.test.ts: a Switchboard process writing calls to the profile's
 * history the way a session does (record, then the batch's one transaction in the writer thread),
 * WRITER_COUNT batches of 100 calls, telling each commit on stdout.
 */
import { CallHistory } from './call-history';
import { ProfileDirectory } from './profile-directory';
import { sampleCall } from './testing/sample-calls';

const userDataDir = process.env['WRITER_USER_DATA_DIR'];
const count = Number(process.env['WRITER_COUNT']);
if (!userDataDir || !(count > 0)) throw new Error('WRITER_* variables are required');

const directory = new ProfileDirectory(userDataDir, 'office');
const history = new CallHistory({
  path: directory.path,
  retentionDays: 30,
  onChanged: () => undefined,
  onError: (message, error) => {
    throw new Error(`${message}: ${String(error)}`);
  },
});

for (let batch = 0; batch < count; batch++) {
  for (let index = 0; index < 100; index++)
    history.record(sampleCall(`c${batch}-${index}`, index, `Caller ${batch}-${index}`));
  await history.flush();
  process.stdout.write(`committed ${batch + 1}\n`);
}
await history.close();
directory.close();
