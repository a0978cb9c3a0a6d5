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
const ACTIONS_BY_INTENT: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  'read the Asterisk version': { CoreSettings: ['system', 'reporting'] },
  'list the extensions': { ExtensionStateList: ['call', 'reporting'] },
  'list the phones’ states': { DeviceStateList: ['call', 'reporting'] },
  'list presence': { PresenceStateList: ['call', 'reporting'] },
  'list the names of the mailboxes': { VoicemailUsersList: ['call', 'reporting'] },
  'list the phones': { PJSIPShowEndpoints: ['system'] },
  'list channels': { CoreShowChannels: ['system', 'reporting'], Status: ['system', 'call', 'reporting'] },
  'list parked calls': { ParkedCalls: ['call'] },
  'run the command that lists the extensions': { Command: ['command'] },
  'read an extension’s state': { ExtensionState: ['call', 'reporting'] },
  'filter the events it is sent': { Filter: ['system'] },
  'count voicemail messages': { MailboxCount: ['call', 'reporting'] },
  // Dialling, calling a voicemail box and listening in (ChanSpy) are all an Originate of my phone.
  'place calls': { Originate: ['originate'] },
  'transfer calls': { Redirect: ['call'], BlindTransfer: ['call'], Atxfer: ['call'] },
  'park calls': { Park: ['call'] },
  'hang up calls': { Hangup: ['system', 'call'] },
  'record calls': {
    Monitor: ['call'],
    PauseMonitor: ['call'],
    UnpauseMonitor: ['call'],
    StopMonitor: ['call'],
    MixMonitor: ['system'],
    MixMonitorMute: ['system', 'call'],
    StopMixMonitor: ['system', 'call'],
  },
  // QueueStatus needs no class; app_queue's live events (QueueCallerJoin, QueueMemberStatus, …) come under read 'agent'.
  'list the queues': { QueueStatus: [] },
  'pause queue members': { QueuePause: ['agent'] },
  'add queue members': { QueueAdd: ['agent'] },
  'remove queue members': { QueueRemove: ['agent'] },
  // Presence (PRESENCE_STATE) and the DND device (DEVICE_STATE) are set with Setvar, FreePBX's DND flag with DBPut/DBDel.
  'set presence or do-not-disturb': { Setvar: ['call'] },
  'set do-not-disturb': { DBPut: ['system'] },
  'clear do-not-disturb': { DBDel: ['system'] },
};

const NEEDS: ReadonlyMap<string, { readonly intent: string; readonly classes: readonly string[] }> = new Map(
  Object.entries(ACTIONS_BY_INTENT).flatMap(([intent, actions]) =>
    Object.entries(actions).map(([action, classes]) => [action, { intent, classes }] as const),
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
export function permissionMessage(action: string): string {
  const intent = NEEDS.get(action)?.intent ?? 'do that';
  return `Your AMI user may not ${intent}: ask your PBX admin to add '${classToGrant(action)}' to its read and write permissions in manager.conf.`;
}
