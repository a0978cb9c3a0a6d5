/**
 * SIPpeers, SIPshowpeer (chan_sip, asterisk-11) and PJSIPShowEndpoints, PJSIPShowEndpoint (PJSIP):
 * the office's phones as the channel driver lists them, each with the caller ID set on it.
 */
import type { AmiHeader } from '../../ami/message';
import type { Hint, SimModel } from '../model';
import type { ActionContext, ActionDefinition, ListItem } from './types';

interface Phone {
  /** Peer / endpoint name: the extension number. */
  readonly name: string;
  readonly device: string;
  readonly hint: Hint;
}

/** The phones of the office in the dialect's technology, sorted by name (chan_sip sorts its peers). */
function phones(model: SimModel): Phone[] {
  const prefix = `${model.tech}/`;
  const seen = new Map<string, Phone>();
  for (const hint of model.hints.values()) {
    if (!hint.device.startsWith(prefix) || seen.has(hint.device)) continue;
    seen.set(hint.device, { name: hint.device.slice(prefix.length), device: hint.device, hint });
  }
  return [...seen.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function phoneNamed(model: SimModel, name: string): Phone | undefined {
  return phones(model).find((phone) => phone.name === name);
}

/** `ast_callerid_merge`: `"Name" <number>`, or the number alone, or `unknown` when neither is set. */
function callerId(model: SimModel, phone: Phone, unknown: string): string {
  const name = model.phoneNames.get(phone.device);
  return name ? `"${name}" <${phone.name}>` : unknown;
}

/** Where the phone registered from (every simulated phone is registered). */
function address(phone: Phone): string {
  return `192.168.10.${(Number(phone.name) % 200) + 20}`;
}

const mailboxOf = (model: SimModel, phone: Phone) =>
  model.mailboxes.has(`${phone.name}@default`) ? `${phone.name}@default` : '';

// chan_sip.c `_sip_show_peers` (manager form), one PeerEntry per peer.
function peerEntry(phone: Phone): AmiHeader[] {
  return [
    ['Channeltype', 'SIP'],
    ['ObjectName', phone.name],
    ['ChanObjectType', 'peer'],
    ['IPaddress', address(phone)],
    ['IPport', '5060'],
    ['Dynamic', 'yes'],
    ['AutoForcerport', 'no'],
    ['Forcerport', 'yes'],
    ['AutoComedia', 'no'],
    ['Comedia', 'no'],
    ['VideoSupport', 'no'],
    ['TextSupport', 'no'],
    ['ACL', 'no'],
    ['Status', 'Unmonitored'],
    ['RealtimeDevice', 'no'],
    ['Description', ''],
  ];
}

// chan_sip.c `_sip_show_peer` (manager form, type 1), after Response and ActionID.
function peerDetail(model: SimModel, phone: Phone): AmiHeader[] {
  return [
    ['Channeltype', 'SIP'],
    ['ObjectName', phone.name],
    ['ChanObjectType', 'peer'],
    ['SecretExist', 'Y'],
    ['RemoteSecretExist', 'N'],
    ['MD5SecretExist', 'N'],
    ['Context', phone.hint.context],
    ['Language', ''],
    ['ToneZone', '<Not set>'],
    ['AMAflags', 'Unknown'],
    ['CID-CallingPres', 'Presentation Allowed, Not Screened'],
    ['Callgroup', ''],
    ['Pickupgroup', ''],
    ['Named Callgroup', ''],
    ['Named Pickupgroup', ''],
    ['MOHSuggest', ''],
    ['VoiceMailbox', mailboxOf(model, phone)],
    ['TransferMode', 'open'],
    ['LastMsgsSent', '0'],
    ['Maxforwards', '70'],
    ['Call-limit', '2147483647'],
    ['Busy-level', '0'],
    ['MaxCallBR', '384 kbps'],
    ['Dynamic', 'Y'],
    ['Callerid', callerId(model, phone, '')],
    ['RegExpire', '3540 seconds'],
    ['SIP-AuthInsecure', 'no'],
    ['SIP-Forcerport', 'Y'],
    ['SIP-Comedia', 'N'],
    ['ACL', 'N'],
    ['SIP-CanReinvite', 'Y'],
    ['SIP-DirectMedia', 'Y'],
    ['SIP-PromiscRedir', 'N'],
    ['SIP-UserPhone', 'N'],
    ['SIP-VideoSupport', 'N'],
    ['SIP-TextSupport', 'N'],
    ['SIP-T.38Support', 'N'],
    ['SIP-T.38EC', 'Unknown'],
    ['SIP-T.38MaxDtgrm', '-1'],
    ['SIP-Sess-Timers', 'Accept'],
    ['SIP-Sess-Refresh', 'uas'],
    ['SIP-Sess-Expires', '1800'],
    ['SIP-Sess-Min', '90'],
    ['SIP-RTP-Engine', 'asterisk'],
    ['SIP-Encryption', 'N'],
    ['SIP-DTMFmode', 'rfc2833'],
    ['ToHost', ''],
    ['Address-IP', address(phone)],
    ['Address-Port', '5060'],
    ['Default-addr-IP', '(null)'],
    ['Default-addr-port', '0'],
    ['Default-Username', phone.name],
    ['Codecs', '(ulaw|alaw)'],
    ['CodecOrder', 'ulaw,alaw'],
    ['Status', 'Unmonitored'],
    ['SIP-Useragent', 'Yealink SIP-T46S 66.86.0.15'],
    ['Reg-Contact', `sip:${phone.name}@${address(phone)}:5060`],
    ['QualifyFreq', '60000 ms'],
    ['Parkinglot', ''],
    ['SIP-Use-Reason-Header', 'N'],
    ['Description', ''],
  ];
}

/** `ast_devstate2str`, as PJSIP prints an endpoint's DeviceState. */
const DEVICE_STATE_TEXT: Record<string, string> = {
  UNKNOWN: 'Unknown',
  NOT_INUSE: 'Not in use',
  INUSE: 'In use',
  BUSY: 'Busy',
  INVALID: 'Invalid',
  UNAVAILABLE: 'Unavailable',
  RINGING: 'Ringing',
  RINGINUSE: 'Ring+Inuse',
  ONHOLD: 'On Hold',
};

const contact = (phone: Phone) => `${phone.name}/sip:${phone.name}@${address(phone)}:5060`;
const activeChannels = (model: SimModel, phone: Phone) =>
  model
    .channelsOnDevice(phone.device)
    .map((channel) => channel.uniqueid)
    .join(',');

function endpointListEntry(model: SimModel, phone: Phone): AmiHeader[] {
  return [
    ['ObjectType', 'endpoint'],
    ['ObjectName', phone.name],
    ['Transport', ''],
    ['Aor', phone.name],
    ['Auths', phone.name],
    ['OutboundAuths', ''],
    ['Contacts', `${contact(phone)},`],
    ['DeviceState', DEVICE_STATE_TEXT[model.stateOf(phone.device)] ?? 'Unknown'],
    ['ActiveChannels', activeChannels(model, phone)],
  ];
}

// res_pjsip's sorcery object set of an endpoint, as `PJSIPShowEndpoint` sends it (the fields a console may read).
function endpointDetail(model: SimModel, phone: Phone): AmiHeader[] {
  return [
    ['ObjectType', 'endpoint'],
    ['ObjectName', phone.name],
    ['Context', phone.hint.context],
    ['Disallow', ''],
    ['Allow', '(ulaw|alaw)'],
    ['DtmfMode', 'rfc4733'],
    ['Aors', phone.name],
    ['Auth', phone.name],
    ['OutboundAuth', ''],
    ['Mailboxes', mailboxOf(model, phone)],
    ['Callerid', callerId(model, phone, '<unknown>')],
    ['CalleridPrivacy', 'allowed_not_screened'],
    ['CalleridTag', ''],
    ['DirectMedia', 'true'],
    ['Transport', ''],
    ['DeviceStateBusyAt', '0'],
    ['Language', ''],
    ['DeviceState', DEVICE_STATE_TEXT[model.stateOf(phone.device)] ?? 'Unknown'],
    ['ActiveChannels', activeChannels(model, phone)],
  ];
}

function requirePhone(ctx: ActionContext, header: string, missing: string, notFound: (name: string) => string) {
  const name = ctx.header(header);
  if (!name) return void ctx.error(missing);
  const phone = phoneNamed(ctx.pbx.model, name);
  if (!phone) ctx.error(notFound(name));
  return phone;
}

export const phoneActions: ActionDefinition[] = [
  {
    name: 'SIPpeers',
    privilege: ['system', 'reporting'],
    available: (d) => d.tech === 'SIP',
    handle(ctx) {
      // chan_sip answers with astman_send_listack (EventList: start) even on AMI 1.3, and ends
      // PeerlistComplete with ActionID last.
      const found = phones(ctx.pbx.model);
      const id: AmiHeader[] = ctx.actionId === undefined ? [] : [['ActionID', ctx.actionId]];
      ctx.respond('Success', [
        ['EventList', 'start'],
        ['Message', 'Peer status list will follow'],
      ]);
      for (const phone of found) ctx.session.send([['Event', 'PeerEntry'], ...id, ...peerEntry(phone)]);
      ctx.session.send([
        ['Event', 'PeerlistComplete'],
        ['EventList', 'Complete'],
        ['ListItems', String(found.length)],
        ...id,
      ]);
    },
  },
  {
    name: 'SIPshowpeer',
    privilege: ['system', 'reporting'],
    available: (d) => d.tech === 'SIP',
    handle(ctx) {
      const phone = requirePhone(ctx, 'Peer', 'Peer: <name> missing.', (name) => `Peer ${name} not found.`);
      if (phone) ctx.respond('Success', peerDetail(ctx.pbx.model, phone));
    },
  },
  {
    name: 'PJSIPShowEndpoints',
    privilege: ['system'],
    available: (d) => d.tech === 'PJSIP',
    handle(ctx) {
      const { model } = ctx.pbx;
      const found = phones(model);
      if (found.length === 0) return ctx.error('No endpoints found');
      const items: ListItem[] = found.map((phone) => ({
        event: 'EndpointList',
        fields: endpointListEntry(model, phone),
      }));
      ctx.list('A listing of Endpoints follows, presented as EndpointList events', items, 'EndpointListComplete');
    },
  },
  {
    name: 'PJSIPShowEndpoint',
    privilege: ['system'],
    available: (d) => d.tech === 'PJSIP',
    handle(ctx) {
      const phone = requirePhone(
        ctx,
        'Endpoint',
        'Endpoint parameter missing.',
        (name) => `Unable to retrieve endpoint ${name}`,
      );
      if (!phone) return;
      const { model } = ctx.pbx;
      const items: ListItem[] = [{ event: 'EndpointDetail', fields: endpointDetail(model, phone) }];
      ctx.list('Following are Events for each object associated with the Endpoint', items, 'EndpointDetailComplete');
    },
  },
];
