/** Runs scenarios against a running model: scripted timelines and the two generators. */
import type { SimModel, SimChannel } from '../model';
import type { Telephony } from '../telephony';
import { busyOffice, type BusyOfficeOptions } from './busy-office';
import { livelyOffice } from './lively-office';
import type { Scenario, ScenarioStep } from './timeline';

export { parseScenario, type Scenario } from './timeline';
export type { BusyOfficeOptions } from './busy-office';

export interface ScenarioTarget {
  readonly model: SimModel;
  readonly telephony: Telephony;
}

export interface ScenarioHandle {
  stop(): void;
}

export function runScenario(
  target: ScenarioTarget,
  which: 'lively-office' | 'busy-office' | Scenario,
  seed: number,
  busyOptions?: BusyOfficeOptions,
): ScenarioHandle {
  if (which === 'lively-office') return livelyOffice(target, seed);
  if (which === 'busy-office') return busyOffice(target, seed, busyOptions);
  return runTimeline(target, which);
}

/** The first live channel on an extension's device. */
function channelOf(target: ScenarioTarget, exten: string): SimChannel | undefined {
  const hint = target.model.hintByExten(exten);
  return hint ? target.model.channelsOnDevice(hint.device)[0] : undefined;
}

function applyStep(target: ScenarioTarget, step: ScenarioStep): void {
  const { model, telephony } = target;
  const device = (exten: string) => model.hintByExten(exten)?.device ?? exten;
  switch (step.do) {
    case 'call':
      telephony.placeCall(step.from, step.to, step.talkMs === undefined ? {} : { hangupAfterMs: step.talkMs });
      return;
    case 'deviceState':
      model.setDeviceState(device(step.exten), step.state);
      return;
    case 'presence':
      model.setPresence(`CustomPresence:${step.exten}`, step.state, step.subtype ?? '', step.message ?? '');
      return;
    case 'mailbox':
      model.setMailbox(
        step.mailbox.includes('@') ? step.mailbox : `${step.mailbox}@default`,
        step.newCount,
        step.oldCount ?? 0,
      );
      return;
    case 'hangup': {
      const ch = channelOf(target, step.exten);
      if (ch) telephony.hangup(ch, 16);
      return;
    }
    case 'hold':
    case 'unhold': {
      const ch = channelOf(target, step.exten);
      const peer = ch && model.bridgePeers(ch)[0];
      if (peer) model.setHold(peer, step.do === 'hold');
      return;
    }
    case 'park': {
      const ch = channelOf(target, step.exten);
      const peer = ch && model.bridgePeers(ch)[0];
      if (ch && peer) telephony.park(peer, ch, step.timeoutMs ?? telephony.parkingTimeoutMs);
      return;
    }
    case 'attendedTransfer': {
      const ch = channelOf(target, step.exten);
      const to = { context: model.hintByExten(step.to)?.context ?? 'internal', exten: step.to };
      if (ch) telephony.attendedTransfer(ch, to, { hangUpAfterAnswerMs: step.consultMs ?? 1500 });
      return;
    }
    case 'noAnswer':
      if (step.on) telephony.noAnswer.add(device(step.exten));
      else telephony.noAnswer.delete(device(step.exten));
      return;
  }
}

function runTimeline(target: ScenarioTarget, s: Scenario): ScenarioHandle {
  const { telephony } = target;
  let stopped = false;
  const handles: ReturnType<Telephony['later']>[] = [];
  const start = () => {
    handles.length = 0;
    for (const step of s.steps) handles.push(telephony.later(step.at, () => !stopped && applyStep(target, step)));
    if (s.repeatEveryMs) handles.push(telephony.later(s.repeatEveryMs, () => !stopped && start()));
  };
  start();
  return {
    stop() {
      stopped = true;
      for (const h of handles) telephony.cancel(h);
    },
  };
}
