import type { ExtensionTile, Voicemail } from '../../src-preload/state';
import { isSuccessResponse, type AmiMessage } from '../ami/message';
import type { AmiRequester } from './requester';

/** One voicemail.conf box as VoicemailUsersList lists it (trace 17). */
export interface MailboxEntry {
  readonly box: string;
  readonly context: string;
  /** `Fullname`; `(null)` or empty as undefined. */
  readonly fullName: string | undefined;
  /** NewMessageCount / OldMessageCount when the list carries them (Asterisk 1.8 on does). */
  readonly counts: { readonly newMessages: number; readonly oldMessages: number } | undefined;
}

/** Every voicemail box the AMI user may see; none when it may not list them. */
export async function fetchMailboxes(ami: AmiRequester): Promise<MailboxEntry[]> {
  const list = await ami.list('VoicemailUsersList');
  if (!isSuccessResponse(list.response)) return [];
  return list.items.flatMap((item) => {
    const box = item.get('VoiceMailbox')?.trim();
    if (!box) return [];
    const newMessages = count(item.get('NewMessageCount'));
    const oldMessages = count(item.get('OldMessageCount'));
    return [
      {
        box,
        context: item.get('VMContext')?.trim() || 'default',
        fullName: personName(item.get('Fullname')),
        counts: newMessages !== undefined && oldMessages !== undefined ? { newMessages, oldMessages } : undefined,
      },
    ];
  });
}

/**
 * Which tile each box belongs to, by `box@context`: the tile of the same number; when two voicemail
 * contexts hold that number, only the tile in a context of the same name.
 */
export function mailboxOwners(
  mailboxes: readonly MailboxEntry[],
  tiles: readonly ExtensionTile[],
): Map<string, string> {
  const byNumber = new Map<string, MailboxEntry[]>();
  for (const entry of mailboxes) byNumber.set(entry.box, [...(byNumber.get(entry.box) ?? []), entry]);
  const owners = new Map<string, string>();
  for (const tile of tiles) {
    const boxes = byNumber.get(tile.exten) ?? [];
    const entry = boxes.length === 1 ? boxes[0] : boxes.find((candidate) => candidate.context === tile.context);
    if (entry) owners.set(tile.id, mailboxId(entry));
  }
  return owners;
}

export const mailboxId = (entry: Pick<MailboxEntry, 'box' | 'context'>) => `${entry.box}@${entry.context}`;

/** `MailboxCount` of one box: for a list without counts, and for a MessageWaiting without them. */
export async function fetchMailboxCount(ami: AmiRequester, mailbox: string): Promise<Voicemail | undefined> {
  const response = await ami.action('MailboxCount', { Mailbox: mailbox });
  if (!isSuccessResponse(response)) return undefined;
  const newMessages = count(response.get('NewMessages'));
  const oldMessages = count(response.get('OldMessages'));
  if (newMessages === undefined || oldMessages === undefined) return undefined;
  return { mailbox, newMessages, oldMessages };
}

/**
 * A MessageWaiting event: the box and, when it says them (`New`, `Old`), its counts. Asterisk names
 * the box `101@default`; a bare `101` is in `default`.
 */
export function messageWaitingOf(
  message: AmiMessage,
): { readonly mailbox: string; readonly counts: Voicemail | undefined } | undefined {
  const raw = message.get('Mailbox')?.trim();
  if (!raw) return undefined;
  const mailbox = raw.includes('@') ? raw : `${raw}@default`;
  const newMessages = count(message.get('New'));
  const oldMessages = count(message.get('Old'));
  return {
    mailbox,
    counts: newMessages !== undefined && oldMessages !== undefined ? { mailbox, newMessages, oldMessages } : undefined,
  };
}

function count(value: string | undefined): number | undefined {
  const trimmed = value?.trim() ?? '';
  return /^\d{1,9}$/.test(trimmed) ? Number(trimmed) : undefined;
}

export function personName(value: string | undefined): string | undefined {
  const name = value?.trim();
  return name && name !== '(null)' ? name : undefined;
}
