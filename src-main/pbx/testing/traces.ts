import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AmiMessage } from '../../ami/message';
import { AmiFrameParser } from '../../ami/parser';

/** Test-only: the messages Asterisk sent in one of ../shared/ami-traces, each with its arrival time. */
export interface TracedMessage {
  readonly t: number;
  readonly message: AmiMessage;
}

const TRACES = fileURLToPath(new URL('../../../../shared/ami-traces/', import.meta.url));

export function readTrace(name: string, connection = 1): TracedMessage[] {
  const lines = readFileSync(`${TRACES}${name}.jsonl`, 'utf8').split('\n').filter(Boolean);
  const messages: TracedMessage[] = [];
  let t = 0;
  const parser = new AmiFrameParser({ expectBanner: true, onMessage: (message) => messages.push({ t, message }) });
  for (const line of lines) {
    const entry = JSON.parse(line) as { t?: number; dir?: string; data?: string; conn?: number };
    if (entry.dir !== 'in' || (entry.conn ?? 1) !== connection || entry.data === undefined) continue;
    t = entry.t ?? t;
    parser.push(Buffer.from(entry.data, 'utf8'));
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
  const lines = readFileSync(`${TRACES}${name}.jsonl`, 'utf8').split('\n').filter(Boolean);
  for (const line of lines) {
    const entry = JSON.parse(line) as { dir?: string; data?: string };
    if (entry.dir !== 'out' || entry.data === undefined) continue;
    if (!new RegExp(`^Action: ${action}\\r\\n`, 'i').test(entry.data)) continue;
    return /ActionID: ([^\r\n]+)/.exec(entry.data)?.[1];
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
