import { describe, expect, it } from 'vitest';
import type { LiveCall } from '../../../src-preload/state';
import { diffCollection } from './picture-diff';

const call = (id: string, state: LiveCall['state']): LiveCall => ({
  id,
  state,
  direction: 'internal',
  startedAt: 0,
  answeredAt: undefined,
  parties: [],
});

describe('picture diff', () => {
  it('upserts only changed calls and removes the ended ones', () => {
    const before = { a: call('a', 'ringing'), b: call('b', 'up') };
    expect(diffCollection('calls', before, [call('a', 'up'), call('b', 'up'), call('c', 'dialing')])).toEqual({
      collection: 'calls',
      upsert: [call('a', 'up'), call('c', 'dialing')],
      remove: [],
    });
    expect(diffCollection('calls', before, [call('b', 'up')])).toEqual({
      collection: 'calls',
      upsert: [],
      remove: ['a'],
    });
    expect(diffCollection('calls', before, Object.values(before))).toBeUndefined();
  });
});
