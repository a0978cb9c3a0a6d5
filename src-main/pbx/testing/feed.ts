import type { AmiMessage } from '../../ami/message';
import { ExtensionMatcher } from '../calls/device-match';
import { eventAdapterFor } from '../calls/adapt';
import { emptyModel, type PbxModel } from '../calls/model';
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

/** Test-only: the lab PBX's board as its ExtensionStateList answered (trace 25), for the pure command tests. */
export function tracedBoard(): ExtensionMatcher {
  const items = recordedReply('receptionist/25-names-and-directory', 'ExtensionStateList');
  return new ExtensionMatcher(items.flatMap((item) => tileFromExtensionStatus(item) ?? []));
}
