import type { AmiMessage } from '../../ami/message';
import { AmiFrameParser } from '../../ami/parser';
import { readTraceFile } from '../../testing/ami-trace-file';

/** Test-only: the messages Asterisk sent in one of ../shared/ami-traces, each with its arrival time. */
export interface TracedMessage {
  readonly t: number;
  readonly message: AmiMessage;
}

export function readTrace(name: string, connection = 1): TracedMessage[] {
  const messages: TracedMessage[] = [];
  let t = 0;
  const parser = new AmiFrameParser({ expectBanner: true, onMessage: (message) => messages.push({ t, message }) });
  for (const entry of readTraceFile(`${name}.jsonl`).entries) {
    if (entry.kind !== 'in' || entry.conn !== connection) continue;
    t = entry.t;
    parser.push(entry.bytes);
  }
  return messages;
}

/** Live events only (not list items answering an action). */
export function liveEvents(messages: readonly TracedMessage[], until = Infinity, from = -Infinity): TracedMessage[] {
  return messages.filter(
    ({ t, message }) =>
      message.event !== undefined &&
      (message.actionId === undefined || message.event === 'OriginateResponse') &&
      t < until &&
      t >= from,
  );
}

/** The ActionID of the first `action` the recorder sent in a trace (e.g. `VoicemailUsersList` → `rec-2`). */
export function recordedActionId(name: string, action: string): string | undefined {
  for (const entry of readTraceFile(`${name}.jsonl`).entries) {
    if (entry.kind !== 'out') continue;
    const data = entry.bytes.toString('utf8');
    if (!new RegExp(`^Action: ${action}\\r\\n`, 'i').test(data)) continue;
    return /ActionID: ([^\r\n]+)/.exec(data)?.[1];
  }
  return undefined;
}

/** Everything Asterisk answered to an action of a trace (the first `action`, or the one with `actionId`): the response, list items and the Complete event. */
export function recordedReply(name: string, action: string, actionId = recordedActionId(name, action)): AmiMessage[] {
  if (actionId === undefined) throw new Error(`${name} never sends ${action}`);
  return readTrace(name)
    .map(({ message }) => message)
    .filter((message) => message.actionId === actionId);
}
