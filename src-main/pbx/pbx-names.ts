import type { ExtensionTile } from '../../src-preload/state';
import { isSuccessResponse, type AmiMessage } from '../ami/message';
import { hintDevices } from './calls/device-match';
import type { AmiRequester } from './requester';
import { personName, type MailboxEntry } from './voicemail';

/**
 * The names a PBX knows before any call, by tile id: the voicemail box's full name
 * (`VoicemailUsersList`), else the caller ID of the PJSIP endpoint the hint names
 * (`PJSIPShowEndpoint`). Whatever the AMI user may not read, or the PBX lacks, is simply not used.
 */
export async function fetchPbxNames(
  ami: AmiRequester,
  tiles: readonly ExtensionTile[],
  mailboxList: readonly MailboxEntry[],
): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const mailboxes = mailboxNames(mailboxList);
  for (const tile of tiles) {
    const name = mailboxes.get(tile.exten);
    if (name) names.set(tile.id, name);
  }
  for (const tile of tiles) {
    if (names.has(tile.id)) continue;
    const endpoint = hintDevices(tile.hint)
      .map((device) => /^PJSIP\/(.+)$/i.exec(device)?.[1])
      .find((name) => name !== undefined);
    if (!endpoint) continue;
    const name = await endpointName(ami, endpoint);
    if (name === null) break;
    if (name) names.set(tile.id, name);
  }
  return names;
}

/** Mailbox number → full name; a number used in two voicemail contexts names no one. */
function mailboxNames(mailboxList: readonly MailboxEntry[]): Map<string, string> {
  const names = new Map<string, string>();
  const seen = new Set<string>();
  for (const { box, fullName } of mailboxList) {
    if (seen.has(box)) names.delete(box);
    else if (fullName) names.set(box, fullName);
    seen.add(box);
  }
  return names;
}

/** The endpoint's caller ID name; `null` when the PBX will not answer at all (no PJSIP, no permission). */
async function endpointName(ami: AmiRequester, endpoint: string): Promise<string | undefined | null> {
  const list = await ami.list('PJSIPShowEndpoint', { Endpoint: endpoint });
  if (!isSuccessResponse(list.response))
    return /not found|unable to retrieve/i.test(list.response.get('Message') ?? '') ? undefined : null;
  const detail = list.items.find((item: AmiMessage) => item.event === 'EndpointDetail');
  const callerId = detail?.get('Callerid') ?? '';
  return personName(/^\s*"?([^"<]*?)"?\s*(<[^>]*>)?\s*$/.exec(callerId)?.[1]);
}
