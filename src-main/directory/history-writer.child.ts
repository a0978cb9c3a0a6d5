/**
 * Run by call-history.processes.test.ts: a Switchboard process writing calls to the profile's
 * history the way a session does (record, then the batch's one transaction), WRITER_COUNT batches
 * of 100 calls, telling each commit on stdout.
 */
import type { CallRecord } from '../../src-shared/call-history';
import { CallHistory } from './call-history';
import { openDirectoryDatabase } from './database';
import { SCHEMA_AREAS } from './schema-areas';

const userDataDir = process.env['WRITER_USER_DATA_DIR'];
const count = Number(process.env['WRITER_COUNT']);
if (!userDataDir || !(count > 0)) throw new Error('WRITER_* variables are required');

const { db } = openDirectoryDatabase({ userDataDir, profileId: 'office', areas: SCHEMA_AREAS });
const history = new CallHistory({
  db,
  retentionDays: 30,
  onChanged: () => undefined,
  onError: (message, error) => {
    throw new Error(`${message}: ${String(error)}`);
  },
});
const reception = { number: '100', name: 'Reception', extensionId: '100@internal' };

function call(batch: number, index: number): CallRecord {
  const from = {
    number: `+3361234${String(index).padStart(4, '0')}`,
    name: `Caller ${batch}-${index}`,
    extensionId: undefined,
  };
  const startedAt = Date.now() - 60_000;
  return {
    callId: `c${batch}-${index}`,
    startedAt,
    endedAt: startedAt + 30_000,
    direction: 'in',
    mine: true,
    from,
    to: reception,
    parties: [from, reception],
    waitMs: 5_000,
    talkMs: index % 3 === 0 ? 0 : 25_000,
    outcome: index % 3 === 0 ? { kind: 'missed' } : { kind: 'answered' },
    recordingFile: undefined,
  };
}

for (let batch = 0; batch < count; batch++) {
  for (let index = 0; index < 100; index++) history.record(call(batch, index));
  history.flush();
  process.stdout.write(`committed ${batch + 1}\n`);
}
history.close();
db.close();
