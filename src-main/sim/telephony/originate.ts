/** Originate (the console's calls) and calls placed by outside events (scenarios). */
import type { SimChannel } from '../model';
import { startChanSpy } from './chanspy';
import { endDial } from './dialling';
import { isDirectedPickup, pickUp } from './directed-pickup';
import { awaitAudio, openHandset } from './handsets';
import type { Telephony } from './index';
import type { OriginateOutcome, OriginateRequest, PendingDial, PlaceCallOptions } from './types';

export function originate(t: Telephony, req: OriginateRequest): Promise<OriginateOutcome> {
  const model = t.model;
  if (!req.channel.includes('/')) return Promise.resolve({ ok: false, message: 'Invalid channel' });
  if (req.exten !== undefined && !req.application) {
    if (!t.resolve(req.context ?? 'default', req.exten))
      return Promise.resolve({ ok: false, message: 'Extension does not exist.' });
  }
  const device = t.deviceForDialString(req.channel);
  const respond = (ok: boolean, reason: number, channel: SimChannel | undefined) => {
    if (!req.async) return;
    model.emit({
      kind: 'originateResponse',
      actionId: req.actionId,
      success: ok,
      channelName: channel?.name ?? req.channel,
      target: req.application
        ? { application: req.application, data: req.data ?? '' }
        : { context: req.context ?? '', exten: req.exten ?? '' },
      reason,
      uniqueid: channel?.uniqueid ?? '<unknown>',
      callerIdNum: req.callerIdNum ?? '<unknown>',
      callerIdName: req.callerIdName ?? '<unknown>',
    });
  };
  if (!device) {
    if (!req.async) return Promise.resolve({ ok: false, message: 'Originate failed' });
    t.later(0, () => respond(false, 0, undefined));
    return Promise.resolve({ ok: true, queued: true });
  }
  model.processedCalls++;
  return new Promise((resolve) => {
    const start = () => {
      const hint = model.hintsForDevice(device)[0];
      const resting = model.stateOf(device);
      if (!hint || resting === 'UNAVAILABLE' || resting === 'BUSY') {
        respond(false, resting === 'BUSY' ? 5 : 8, undefined);
        resolve({ ok: false, message: 'Originate failed' });
        return;
      }
      const { channel, dialString } = openHandset(t, hint, {
        state: 'Down',
        context: req.context ?? 'internal',
        exten: req.exten ?? 's',
        callerIdNum: req.callerIdNum,
        callerIdName: req.callerIdName,
        connectedNum: req.callerIdNum,
        connectedName: req.callerIdName,
        application: 'AppDial2',
        appData: '(Outgoing Line)',
      });
      awaitAudio(t, channel, req.application ?? '');
      model.emit({ kind: 'dialBegin', caller: undefined, dest: channel, dialString });
      model.setChannelState(channel, 'Ringing');
      model.emit({ kind: 'dialState', caller: undefined, dest: channel, status: 'RINGING' });
      for (const [name, value] of req.variables ?? []) channel.vars.set(name, value);
      const pending: PendingDial = {
        caller: undefined,
        dest: channel,
        answerTimer: undefined,
        timeoutTimer: undefined,
        onAnswer: () => {
          // Asterisk reports the answered originate once the dialplan has started (trace 07).
          if (req.application) {
            channel.application = req.application;
            channel.appData = req.data ?? '';
            if (/^ChanSpy$/i.test(req.application)) startChanSpy(t, channel, req.data ?? '');
            else if (isDirectedPickup(req.application)) pickUp(t, channel, req.application, req.data ?? '');
          } else {
            t.runDialplan(channel, req.context ?? 'internal', req.exten ?? 's');
          }
          respond(true, 4, channel);
          resolve({ ok: true, queued: false, channel });
        },
        onFail: (status) => {
          respond(false, status === 'NOANSWER' ? 3 : status === 'BUSY' ? 5 : 1, undefined);
          resolve({ ok: false, message: 'Originate failed' });
        },
      };
      t.pending.set(channel.uniqueid, pending);
      if (!t.noAnswer.has(device)) pending.answerTimer = t.later(t.answerDelayMs, () => t.answer(channel));
      pending.timeoutTimer = t.later(req.timeoutMs, () => {
        // The originate's own dial gets no DialEnd when it times out, only the Hangup (trace 08).
        endDial(t, pending, undefined);
        model.destroyChannel(channel, 19);
        pending.onFail('NOANSWER');
      });
    };
    if (req.async) {
      t.later(0, start);
      resolve({ ok: true, queued: true });
    } else {
      start();
    }
  });
}

/** An outside event: `from` (an extension or an external number) calls `to`. */
export function placeCall(t: Telephony, from: string, to: string, options: PlaceCallOptions = {}): SimChannel {
  const model = t.model;
  const fromHint = model.hintByExten(from);
  const channel = fromHint
    ? openHandset(t, fromHint, {
        state: 'Ring',
        context: fromHint.context,
        exten: to,
        callerIdNum: fromHint.exten,
        // A Local handset has no caller ID name of its own: its name comes from voicemail only.
        callerIdName: model.office.localHandsets ? undefined : fromHint.name,
      }).channel
    : model.createChannel({
        device: `${model.tech}/trunk`,
        state: 'Ring',
        context: 'from-external',
        exten: to,
        callerIdNum: from,
        callerIdName: from,
      });
  model.processedCalls++;
  t.runDialplan(channel, fromHint ? fromHint.context : 'internal', to);
  if (options.hangupAfterMs !== undefined) t.later(options.hangupAfterMs, () => t.hangup(channel, 16));
  return channel;
}
