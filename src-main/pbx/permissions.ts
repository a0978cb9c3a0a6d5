import { refusal, type PermissionIntent, type Refusal } from '../../src-shared/refusals';
import { inEnglish } from '../english-words';
/**
 * What each AMI action the console sends needs in manager.conf, and what it is for in the operator's
 * words. The classes are Asterisk's own (`ListCommands` on Asterisk 20, `(Priv: …)`, as in trace 01;
 * PJSIPShowEndpoints from res_pjsip's registration; permissions.test.ts holds each row to trace 01): an action is allowed with any one of them, so
 * the message names the narrowest.
 */
/**
 * By what the actions are for in the operator's words ("Your AMI user may not …"): each action with
 * the classes of which the AMI user needs one, as Asterisk lists them.
 */
const ACTIONS_BY_INTENT: Readonly<
  Record<Exclude<PermissionIntent, 'other'>, Readonly<Record<string, readonly string[]>>>
> = {
  readVersion: { CoreSettings: ['system', 'reporting'] },
  listExtensions: { ExtensionStateList: ['call', 'reporting'] },
  listPhoneStates: { DeviceStateList: ['call', 'reporting'] },
  listPresence: { PresenceStateList: ['call', 'reporting'] },
  listMailboxNames: { VoicemailUsersList: ['call', 'reporting'] },
  listPhones: { PJSIPShowEndpoints: ['system'] },
  listChannels: { CoreShowChannels: ['system', 'reporting'], Status: ['system', 'call', 'reporting'] },
  listParkedCalls: { ParkedCalls: ['call'] },
  runHintsCommand: { Command: ['command'] },
  readExtensionState: { ExtensionState: ['call', 'reporting'] },
  filterEvents: { Filter: ['system'] },
  countVoicemail: { MailboxCount: ['call', 'reporting'] },
  // Dialling, calling a voicemail box and listening in (ChanSpy) are all an Originate of my phone.
  placeCalls: { Originate: ['originate'] },
  transferCalls: { Redirect: ['call'], BlindTransfer: ['call'], Atxfer: ['call'] },
  parkCalls: { Park: ['call'] },
  hangUpCalls: { Hangup: ['system', 'call'] },
  recordCalls: {
    Monitor: ['call'],
    PauseMonitor: ['call'],
    UnpauseMonitor: ['call'],
    StopMonitor: ['call'],
    MixMonitor: ['system'],
    MixMonitorMute: ['system', 'call'],
    StopMixMonitor: ['system', 'call'],
  },
  // QueueStatus needs no class; app_queue's live events (QueueCallerJoin, QueueMemberStatus, …) come under read 'agent'.
  listQueues: { QueueStatus: [] },
  pauseQueueMembers: { QueuePause: ['agent'] },
  addQueueMembers: { QueueAdd: ['agent'] },
  removeQueueMembers: { QueueRemove: ['agent'] },
  // Presence (PRESENCE_STATE) and the DND device (DEVICE_STATE) are set with Setvar, FreePBX's DND flag with DBPut/DBDel.
  setPresenceOrDnd: { Setvar: ['call'] },
  setDnd: { DBPut: ['system'] },
  clearDnd: { DBDel: ['system'] },
};

const NEEDS: ReadonlyMap<string, { readonly intent: PermissionIntent; readonly classes: readonly string[] }> = new Map(
  (Object.entries(ACTIONS_BY_INTENT) as [PermissionIntent, Readonly<Record<string, readonly string[]>>][]).flatMap(
    ([intent, actions]) => Object.entries(actions).map(([action, classes]) => [action, { intent, classes }] as const),
  ),
);

/** From the class that grants least to the one that grants most. */
const NARROWEST_FIRST = ['reporting', 'agent', 'call', 'originate', 'system', 'command'];

/** The class to ask the PBX admin for, so that `action` is allowed. */
export function classToGrant(action: string): string {
  const classes = NEEDS.get(action)?.classes ?? ['call'];
  return NARROWEST_FIRST.find((name) => classes.includes(name)) ?? classes[0] ?? 'call';
}

/** "Your AMI user may not list channels: ask your PBX admin to add 'reporting' …". */
export function permissionRefusal(action: string): Refusal {
  return refusal('permissionDenied', { intent: NEEDS.get(action)?.intent ?? 'other', grant: classToGrant(action) });
}

export const permissionMessage = (action: string): string => inEnglish(permissionRefusal(action));
