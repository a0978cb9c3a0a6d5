import type { AmiMessage } from '../../ami/message';
import { ExtensionMatcher } from '../calls/device-match';
import { eventAdapterFor } from '../calls/adapt';
import { emptyModel, type PbxModel } from '../calls/model';
import { projectCalls, projectParked } from '../calls/projection';
import { reduceEvents } from '../calls/reducer';
import { dialectForAmiVersion } from '../dialect';
import { tileFromExtensionStatus } from '../hints';
import { recordedReply, type TracedMessage } from './traces';

/** Test-only: AMI messages through a dialect's adapter into the reducer, at each message's time. */
export function feed(
  messages: readonly (TracedMessage | AmiMessage)[],
  amiVersion: string,
  model: PbxModel = emptyModel('t'),
): PbxModel {
  const adapt = eventAdapterFor(dialectForAmiVersion(amiVersion));
  let current = model;
  messages.forEach((entry, index) => {
    const { t, message } = 'message' in entry ? entry : { t: index, message: entry };
    current = reduceEvents(current, adapt(message), t);
  });
  return current;
}

/** Test-only: the projected picture without ids and times, to compare dialects and rebuilds. */
export function shapeOf(model: PbxModel, matcher: ExtensionMatcher) {
  const calls = projectCalls(model, matcher)
    .map((call) => ({
      state: call.state,
      direction: call.direction,
      answered: call.answeredAt !== undefined,
      parties: call.parties.map(({ extensionId, number, state, recording }) => ({
        extensionId,
        number,
        state,
        recording,
      })),
    }))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  const parked = projectParked(model, matcher).map(({ slot, lot, parkee, parkedBy, callId }) => ({
    slot,
    lot,
    parkee: parkee.number,
    parkedBy: parkedBy.number,
    hasCall: callId !== undefined,
  }));
  return { calls, parked };
}

/** Test-only: the lab PBX's board as its ExtensionStateList answered (trace 25), for the pure command tests. */
export function tracedBoard(): ExtensionMatcher {
  const items = recordedReply('receptionist/25-names-and-directory', 'ExtensionStateList');
  return new ExtensionMatcher(items.flatMap((item) => tileFromExtensionStatus(item) ?? []));
}
