/** The dialplan: what an extension in a context reaches, and sending a channel there. */
import type { SimChannel } from '../model';
import type { Telephony } from './index';
import { ringGroup } from './ring-group';
import type { DialplanTarget } from './types';

export function resolve(t: Telephony, context: string, exten: string): DialplanTarget | undefined {
  if (!t.knownContext(context)) return undefined;
  const office = t.model.office;
  if (exten === office.huntGroupExten) {
    const hint = t.model.hintByExten(office.receptionExten);
    return hint ? { kind: 'extension', hint } : undefined;
  }
  if (exten === office.queue.exten) return { kind: 'queue' };
  const group = office.ringGroups?.find((g) => g.exten === exten);
  if (group) return { kind: 'ringGroup', group };
  if (exten === office.parking.parkExten) return { kind: 'park' };
  const n = Number(exten);
  if (/^\d+$/.test(exten) && n >= office.parking.firstSpace && n <= office.parking.lastSpace)
    return { kind: 'pickup', space: n };
  if (exten === '600') return { kind: 'application', app: 'Echo' };
  if (exten === '601') return { kind: 'application', app: 'Playback' };
  if (exten === '602') return { kind: 'application', app: 'MusicOnHold' };
  if (exten === '899') return { kind: 'application', app: 'VoiceMailMain' };
  // `*1NN` leaves a message in box 1NN (the lab PBX's VoiceMail extensions).
  const box = /^\*(\d+)$/.exec(exten)?.[1];
  if (box && t.model.mailboxes.has(`${box}@default`)) return { kind: 'application', app: 'VoiceMail' };
  const hint = t.model.hint(exten, context) ?? t.model.hintByExten(exten);
  return hint ? { kind: 'extension', hint } : undefined;
}

// Device named by a dial string: `PJSIP/101`, `SIP/101`, `Local/<exten>@<context>/n`.
export function deviceForDialString(t: Telephony, dialString: string): string | undefined {
  const local = /^Local\/([^@/]+)@([^/]+)/.exec(dialString);
  if (local) {
    const handset = local[2] === t.model.office.localHandsets ? t.model.hintByExten(local[1]!) : undefined;
    if (handset) return handset.device;
    const target = t.resolve(local[2]!, local[1]!);
    return target?.kind === 'extension' ? target.hint.device : undefined;
  }
  const m = /^(PJSIP|SIP)\/([^/@-]+)/i.exec(dialString);
  if (!m) return undefined;
  const device = `${t.model.tech}/${m[2]}`;
  return t.model.isKnownDevice(device) && !device.endsWith('/trunk') ? device : undefined;
}

/** Sends a channel into the dialplan at context/exten (after answer, redirect, transfer). */
export function runDialplan(t: Telephony, channel: SimChannel, context: string, exten: string): void {
  if (channel.hungUp) return;
  channel.context = context;
  channel.exten = exten;
  channel.priority = 1;
  const target = t.resolve(context, exten);
  if (!target) {
    t.hangup(channel, 16);
    return;
  }
  switch (target.kind) {
    case 'extension':
      t.dial(channel, target.hint, {
        onAnswer: (dest) => t.bridgeTogether(channel, dest),
        onFail: () => t.hangup(channel, 16),
      });
      return;
    case 'ringGroup':
      ringGroup(t, channel, target.group);
      return;
    case 'queue':
      // Queue() starts a moment after the channel enters the dialplan (after OriginateResponse, trace 16).
      t.later(0, () => !channel.hungUp && t.joinQueue(channel));
      return;
    case 'park':
      t.answerChannel(channel);
      t.park(channel, undefined, t.parkingTimeoutMs);
      return;
    case 'pickup':
      t.answerChannel(channel);
      if (!t.pickup(target.space, channel)) t.hangup(channel, 16);
      return;
    case 'application':
      channel.application = target.app;
      t.answerChannel(channel);
      return;
  }
}
