import type { ExtensionTile } from '../../src-preload/state';
import { isSuccessResponse, type AmiMessage } from '../ami/message';
import { hintDevices } from './calls/device-match';
import type { AmiRequester } from './requester';
import { personName, type MailboxEntry } from './voicemail';

/**
 * How many PJSIPShowEndpoint or SIPshowpeer requests are out at once: a 1,000-phone office is read
 * in a quarter of the round trips, without flooding the PBX.
 */
const NAME_CONCURRENCY = 4;

/**
 * The names a PBX knows before any call, by tile id: the voicemail box's full name
 * (`VoicemailUsersList`), else the caller ID of the PJSIP endpoint (`PJSIPShowEndpoint`) or chan_sip
 * peer (`SIPpeers`, `SIPshowpeer`) the hint names. Whatever the AMI user may not read, or the PBX
 * lacks, is simply not used.
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
  const unnamed = tiles.filter((tile) => !names.has(tile.id));
  const endpoints = unnamed.flatMap((tile) => {
    const endpoint = phoneOf(tile, 'PJSIP');
    return endpoint ? [{ tileId: tile.id, endpoint }] : [];
  });
  // A PBX that will not answer one endpoint (no PJSIP, no permission) answers none: ask no more.
  let refused = false;
  await inTurn(endpoints, async ({ tileId, endpoint }) => {
    if (refused) return;
    const name = await endpointName(ami, endpoint);
    if (name === null) refused = true;
    else if (name) names.set(tileId, name);
  });
  const stillUnnamed = unnamed.filter((tile) => !names.has(tile.id));
  for (const [tileId, name] of await peerNames(ami, stillUnnamed)) names.set(tileId, name);
  return names;
}

/** The first device of the tile's hint in that technology, without the prefix (`PJSIP/105` → `105`). */
function phoneOf(tile: ExtensionTile, tech: 'PJSIP' | 'SIP'): string | undefined {
  const prefix = new RegExp(`^${tech}/(.+)$`, 'i');
  return hintDevices(tile.hint)
    .map((device) => prefix.exec(device)?.[1])
    .find((name) => name !== undefined);
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
  return callerIdName(detail?.get('Callerid'));
}

/**
 * Caller ID names of the tiles' chan_sip peers, by tile id. SIPpeers says which peers exist; a PBX
 * without chan_sip, or a user who may not list peers, names no one.
 */
async function peerNames(ami: AmiRequester, tiles: readonly ExtensionTile[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const wanted = tiles.flatMap((tile) => {
    const peer = phoneOf(tile, 'SIP');
    return peer ? [{ tileId: tile.id, peer }] : [];
  });
  if (wanted.length === 0) return names;
  const list = await ami.list('SIPpeers');
  if (!isSuccessResponse(list.response)) return names;
  const known = new Set(list.items.filter((item) => item.event === 'PeerEntry').map((item) => item.get('ObjectName')));
  await inTurn(
    wanted.filter(({ peer }) => known.has(peer)),
    async ({ tileId, peer }) => {
      const reply = await ami.action('SIPshowpeer', { Peer: peer });
      const name = isSuccessResponse(reply) ? callerIdName(reply.get('Callerid')) : undefined;
      if (name) names.set(tileId, name);
    },
  );
  return names;
}

/** Does the work for every item, NAME_CONCURRENCY at a time. */
async function inTurn<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  const worker = async () => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) await work(next);
  };
  await Promise.all(Array.from({ length: Math.min(NAME_CONCURRENCY, queue.length) }, worker));
}

/**
 * The name in a caller ID as Asterisk writes one (`ast_callerid_merge`): `"Name" <number>`, a bare
 * name, a bare number or `<unknown>`; a number alone names no one.
 */
function callerIdName(callerId: string | undefined): string | undefined {
  const value = callerId?.trim() ?? '';
  const quoted = /^"(.*)"\s*<[^>]*>$/.exec(value);
  if (quoted) return personName(quoted[1]);
  const named = /^([^<]*?)\s*<[^>]*>$/.exec(value);
  if (named) return personName(named[1]);
  return /^[\d+*#\s()-]*$/.test(value) ? undefined : personName(value);
}
