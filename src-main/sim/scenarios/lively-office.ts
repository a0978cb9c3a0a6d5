/**
 * The demo: something happens every second or so. Colleagues call each other, outside callers
 * ring reception (which answers), a call gets parked and is picked up or times out, people put
 * calls on hold, presence and voicemail lamps change; it opens with callers waiting in the queue,
 * messages waiting, people away and in DND. Deterministic for a seed.
 */
import { seededRandom } from '../random';
import type { ScenarioHandle, ScenarioTarget } from './index';

const OUTSIDE_NUMBERS = ['+4930123456', '+4940987654', '+4989111222', '+441632960123', '+33155501234', '+12025550143'];

export function livelyOffice(target: ScenarioTarget, seed: number): ScenarioHandle {
  const { model, telephony } = target;
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo));
  const internal = model.office.extensions
    .filter((e) => e.context === 'internal' && e.exten !== model.office.receptionExten)
    .map((e) => e.exten);
  const idle = () => internal.filter((x) => model.stateOf(model.deviceOf(x)) === 'NOT_INUSE');
  let stopped = false;
  let timer: ReturnType<typeof telephony.later> | undefined;

  // The office's morning: a few messages waiting, people away and in DND (where their hints carry it).
  const opening: [exten: string, newCount: number, oldCount: number][] = [
    ['100', 2, 1],
    ['104', 1, 0],
    ['107', 3, 2],
    ['110', 1, 0],
    ['112', 0, 4],
  ];
  for (const [exten, newCount, oldCount] of opening)
    if (model.mailboxes.has(`${exten}@default`)) model.setMailbox(`${exten}@default`, newCount, oldCount);
  for (const [exten, state, message] of [
    ['110', 'away', 'Back at two'],
    ['113', 'away', ''],
    ['115', 'xa', 'On holiday'],
  ] as const)
    if (model.presence.has(`CustomPresence:${exten}`)) model.setPresence(`CustomPresence:${exten}`, state, '', message);
  for (const exten of ['106', '114']) {
    const hint = model.hintByExten(exten);
    if (hint?.dndDevice) model.setDeviceState(hint.dndDevice, 'BUSY');
  }
  // The queue is short-handed: one member at lunch until a minute and a half in, the other on a long
  // call, so its first callers wait.
  const [atLunch, onCall] = model.queue.members;
  if (atLunch) {
    telephony.pauseMember(atLunch.interface, true, 'lunch');
    telephony.later(90_000, () => telephony.pauseMember(atLunch.interface, false, ''));
  }
  if (onCall) telephony.placeCall(OUTSIDE_NUMBERS[0]!, onCall.exten, { hangupAfterMs: 75_000 });
  for (const caller of OUTSIDE_NUMBERS.slice(1, 4))
    telephony.placeCall(caller, model.office.queue.exten, { hangupAfterMs: between(60_000, 120_000) });

  const tick = () => {
    if (stopped) return;
    const roll = random();
    const free = idle();
    if (roll < 0.3 && free.length >= 2) {
      const from = pick(free);
      const to = pick(free.filter((x) => x !== from));
      telephony.placeCall(from, to, { hangupAfterMs: between(8_000, 40_000) });
    } else if (roll < 0.45) {
      telephony.placeCall(pick(OUTSIDE_NUMBERS), model.office.huntGroupExten, {
        hangupAfterMs: between(15_000, 60_000),
      });
    } else if (roll < 0.52) {
      telephony.placeCall(pick(OUTSIDE_NUMBERS), model.office.queue.exten, { hangupAfterMs: between(10_000, 45_000) });
    } else if (roll < 0.6) {
      // Park the outside party of a call someone is in; it is picked up or times out.
      const bridged = [...model.channels.values()].find(
        (c) => c.bridgeId && model.bridges.get(c.bridgeId)?.type === 'basic' && c.device.endsWith('/trunk'),
      );
      const peer = bridged && model.bridgePeers(bridged)[0];
      if (bridged && peer) telephony.park(bridged, peer, between(15_000, 40_000));
    } else if (roll < 0.68) {
      const parked = [...model.parked.values()][0];
      const free2 = idle();
      if (parked && free2.length) {
        const retriever = model.createChannel({
          device: model.deviceOf(pick(free2)),
          state: 'Ring',
          context: 'internal',
          exten: String(parked.space),
        });
        telephony.runDialplan(retriever, 'internal', String(parked.space));
        telephony.later(between(10_000, 30_000), () => telephony.hangup(retriever, 16));
      }
    } else if (roll < 0.76) {
      const inCall = [...model.channels.values()].filter((c) => c.bridgeId && !c.device.endsWith('/trunk'));
      const c = inCall.length ? pick(inCall) : undefined;
      if (c) {
        model.setHold(c, true);
        telephony.later(between(3_000, 9_000), () => !c.hungUp && model.setHold(c, false));
      }
    } else if (roll < 0.84) {
      const providers = [...model.presence.keys()];
      if (providers.length)
        model.setPresence(
          pick(providers),
          pick(['available', 'away', 'dnd', 'not_set'] as const),
          '',
          pick(['', 'lunch', 'in a meeting']),
        );
    } else if (roll < 0.9) {
      const boxes = [...model.mailboxes.keys()];
      if (boxes.length) model.setMailbox(pick(boxes), between(0, 4), between(0, 6));
    } else {
      const x = pick(internal);
      const device = model.deviceOf(x);
      if (model.channelsOnDevice(device).length === 0) {
        model.setDeviceState(device, 'UNAVAILABLE');
        telephony.later(between(5_000, 20_000), () => model.setDeviceState(device, 'NOT_INUSE'));
      }
    }
    timer = telephony.later(between(600, 1600), tick);
  };
  timer = telephony.later(500, tick);
  return {
    stop() {
      stopped = true;
      telephony.cancel(timer);
    },
  };
}
