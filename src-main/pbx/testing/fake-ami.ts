import { AmiMessage } from '../../ami/message';
import type { AmiRequester } from '../requester';

type Headers = Record<string, string | number | readonly string[]>;
type Reply = AmiMessage | Error;

/** Test-only: records every action and answers like the traced Asterisk (per action name; Success by default). */
export class RecordingAmi implements AmiRequester {
  readonly sent: { action: string; headers: Headers }[] = [];
  private readonly replies = new Map<string, Reply[]>();
  private nextId = 1;

  reply(action: string, reply: Record<string, string> | Error): this {
    const queue = this.replies.get(action) ?? [];
    queue.push(reply instanceof Error ? reply : AmiMessage.of(reply));
    this.replies.set(action, queue);
    return this;
  }

  async action(action: string, headers: Headers = {}): Promise<AmiMessage> {
    this.sent.push({ action, headers });
    const reply = this.replies.get(action)?.shift();
    if (reply instanceof Error) throw reply;
    const actionId = `rec-${this.nextId++}`;
    if (!reply) return AmiMessage.of({ Response: 'Success', ActionID: actionId });
    return reply.actionId ? reply : new AmiMessage([...reply.headers, ['ActionID', actionId]]);
  }

  async list(): Promise<{ response: AmiMessage; items: AmiMessage[]; complete: AmiMessage | undefined }> {
    throw new Error('not used by commands');
  }

  async command(): Promise<{ response: AmiMessage; output: string[] }> {
    throw new Error('not used by commands');
  }
}

/** An AmiActionError look-alike (the client's rejections carry a `code`). */
export function clientError(code: string): Error {
  return Object.assign(new Error(code), { code });
}
