import type { AmiMessage } from '../../ami/message';
import type { PbxEvent } from './events';

/**
 * The services a caller reaches, which read the same in every dialect: a queue (13+ QueueCallerJoin,
 * 1.8/11 Join) and a voicemail box (Newexten into VoiceMail, whose data starts with the mailbox).
 */
export function serviceEventOf(message: AmiMessage): PbxEvent | undefined {
  const name = message.event?.toLowerCase();
  if (name !== 'queuecallerjoin' && name !== 'join' && name !== 'newexten') return undefined;
  const uid = message.get('Uniqueid');
  if (!uid) return undefined;
  if (name !== 'newexten') {
    const queue = message.get('Queue');
    return queue ? { kind: 'service', uid, service: { kind: 'queue', queue } } : undefined;
  }
  if (message.get('Application')?.toLowerCase() !== 'voicemail') return undefined;
  // `VoiceMail(102@default&103,u)`: the first box, without the unavailable/busy marks of old dialplans.
  const mailbox = (message.get('AppData') ?? '')
    .split(/[,&|]/)[0]
    ?.replace(/^[ubs]+(?=\d)/, '')
    .trim();
  return mailbox ? { kind: 'service', uid, service: { kind: 'voicemail', mailbox } } : undefined;
}
