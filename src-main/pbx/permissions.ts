/**
 * What each AMI action the console sends needs in manager.conf, and what it is for in the operator's
 * words. The classes are Asterisk's own (`ListCommands` on Asterisk 20, `(Priv: …)`, as in trace 01;
 * PJSIPShowEndpoints from res_pjsip's registration; permissions.test.ts holds each row to trace 01): an action is allowed with any one of them, so
 * the message names the narrowest.
 */
interface ActionNeeds {
  /** Classes of which the AMI user needs one, as Asterisk lists them. */
  readonly classes: readonly string[];
  /** "Your AMI user may not …". */
  readonly intent: string;
}

const NEEDS: Readonly<Record<string, ActionNeeds>> = {
  CoreSettings: { classes: ['system', 'reporting'], intent: 'read the Asterisk version' },
  ExtensionStateList: { classes: ['call', 'reporting'], intent: 'list the extensions' },
  DeviceStateList: { classes: ['call', 'reporting'], intent: 'list the phones’ states' },
  PresenceStateList: { classes: ['call', 'reporting'], intent: 'list presence' },
  VoicemailUsersList: { classes: ['call', 'reporting'], intent: 'list the names of the mailboxes' },
  PJSIPShowEndpoints: { classes: ['system'], intent: 'list the phones' },
  CoreShowChannels: { classes: ['system', 'reporting'], intent: 'list channels' },
  Status: { classes: ['system', 'call', 'reporting'], intent: 'list channels' },
  ParkedCalls: { classes: ['call'], intent: 'list parked calls' },
  Command: { classes: ['command'], intent: 'run the command that lists the extensions' },
  ExtensionState: { classes: ['call', 'reporting'], intent: 'read an extension’s state' },
  Filter: { classes: ['system'], intent: 'filter the events it is sent' },
  MailboxCount: { classes: ['call', 'reporting'], intent: 'count voicemail messages' },
  // Dialling, calling a voicemail box and listening in (ChanSpy) are all an Originate of my phone.
  Originate: { classes: ['originate'], intent: 'place calls' },
  Redirect: { classes: ['call'], intent: 'transfer calls' },
  BlindTransfer: { classes: ['call'], intent: 'transfer calls' },
  Atxfer: { classes: ['call'], intent: 'transfer calls' },
  Park: { classes: ['call'], intent: 'park calls' },
  Hangup: { classes: ['system', 'call'], intent: 'hang up calls' },
  Monitor: { classes: ['call'], intent: 'record calls' },
  PauseMonitor: { classes: ['call'], intent: 'record calls' },
  UnpauseMonitor: { classes: ['call'], intent: 'record calls' },
  StopMonitor: { classes: ['call'], intent: 'record calls' },
  MixMonitor: { classes: ['system'], intent: 'record calls' },
  MixMonitorMute: { classes: ['system', 'call'], intent: 'record calls' },
  StopMixMonitor: { classes: ['system', 'call'], intent: 'record calls' },
  // QueueStatus needs no class; app_queue's live events (QueueCallerJoin, QueueMemberStatus, …) come under read 'agent'.
  QueueStatus: { classes: [], intent: 'list the queues' },
  QueuePause: { classes: ['agent'], intent: 'pause queue members' },
  QueueAdd: { classes: ['agent'], intent: 'add queue members' },
  QueueRemove: { classes: ['agent'], intent: 'remove queue members' },
  // Presence (PRESENCE_STATE) and the DND device (DEVICE_STATE) are set with Setvar, FreePBX's DND flag with DBPut/DBDel.
  Setvar: { classes: ['call'], intent: 'set presence or do-not-disturb' },
  DBPut: { classes: ['system'], intent: 'set do-not-disturb' },
  DBDel: { classes: ['system'], intent: 'clear do-not-disturb' },
};

/** From the class that grants least to the one that grants most. */
const NARROWEST_FIRST = ['reporting', 'agent', 'call', 'originate', 'system', 'command'];

/** The class to ask the PBX admin for, so that `action` is allowed. */
export function classToGrant(action: string): string {
  const classes = NEEDS[action]?.classes ?? ['call'];
  return NARROWEST_FIRST.find((name) => classes.includes(name)) ?? classes[0] ?? 'call';
}

/** "Your AMI user may not list channels: ask your PBX admin to add 'reporting' …". */
export function permissionMessage(action: string): string {
  const intent = NEEDS[action]?.intent ?? 'do that';
  return `Your AMI user may not ${intent}: ask your PBX admin to add '${classToGrant(action)}' to its read and write permissions in manager.conf.`;
}
