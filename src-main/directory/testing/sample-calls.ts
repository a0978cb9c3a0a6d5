import type { CallRecord } from '../../../src-shared/call-history';

const reception = { number: '100', name: 'Reception', extensionId: '100@internal' };

/**
 * A call to reception that ended half a minute ago, as the session records one: the data-safety
 * tests' and the benchmark's writers fill the history with these. Every third one was missed.
 */
export function sampleCall(callId: string, index: number, name = `Caller ${index}`): CallRecord {
  const from = { number: `+3361234${String(index % 10_000).padStart(4, '0')}`, name, extensionId: undefined };
  const startedAt = Date.now() - 60_000;
  const missed = index % 3 === 0;
  return {
    callId,
    startedAt,
    endedAt: startedAt + 30_000,
    direction: 'in',
    mine: true,
    from,
    to: reception,
    parties: [from, reception],
    waitMs: 5_000,
    talkMs: missed ? 0 : 25_000,
    outcome: missed ? { kind: 'missed' } : { kind: 'answered' },
    recordingFile: undefined,
  };
}
