import type { AmiMessage } from '../ami/message';
import { permissionMessage } from './permissions';

/** What pbx/ needs of the AMI client: the client satisfies it structurally. */
export interface AmiRequester {
  action(
    name: string,
    headers?: Record<string, string | number | readonly string[]>,
    opts?: { timeoutMs?: number },
  ): Promise<AmiMessage>;
  list(
    name: string,
    headers?: Record<string, string | number | readonly string[]>,
    opts?: { timeoutMs?: number },
  ): Promise<{ response: AmiMessage; items: AmiMessage[]; complete: AmiMessage | undefined }>;
  command(cli: string, opts?: { timeoutMs?: number }): Promise<{ response: AmiMessage; output: string[] }>;
}

export const responseMessage = (message: AmiMessage) => (message.get('Message') ?? '').trim();

/** The PBX answered an action with an error. */
export class PbxRefusal extends Error {
  constructor(
    readonly action: string,
    readonly kind: 'permission' | 'refused',
    message: string,
  ) {
    super(message);
    this.name = 'PbxRefusal';
  }

  static from(action: string, response: AmiMessage): PbxRefusal {
    const said = responseMessage(response);
    if (/permission denied/i.test(said)) {
      return new PbxRefusal(action, 'permission', permissionMessage(action));
    }
    return new PbxRefusal(action, 'refused', `The PBX refused ${action}: ${said || 'no reason given'}.`);
  }
}
