/**
 * The one place that decides which Asterisk dialect a connection speaks, from the AMI version in
 * the banner (`Asterisk Call Manager/x.y.z`). See ../shared/AMI-NOTES.md for the table.
 */
export type DialectFamily = 'asterisk-11' | 'asterisk-13';

export interface PbxDialect {
  /** `asterisk-11`: 1.4 to 11 (AMI 1.x): Link/Unlink, Dial SubEvent, Park with Channel2, Monitor only events-less.
   *  `asterisk-13`: 12 and later (AMI 2.x+): bridges, DialBegin/End, Park with TimeoutChannel. */
  readonly family: DialectFamily;
  readonly amiVersion: string;
  /** res_monitor (Monitor, PauseMonitor, ...) exists: removed in Asterisk 21 (AMI 10). */
  readonly monitorAvailable: boolean;
  /** MixMonitor sends MixMonitorStart/Stop/Mute events (12+); before that the badge follows the command result. */
  readonly mixMonitorEvents: boolean;
  /** Monitor sends MonitorStart/Stop (12+); pause and unpause never send events. */
  readonly monitorEvents: boolean;
}

const MONITOR_REMOVED_AT_AMI_MAJOR = 10;

export function dialectForAmiVersion(amiVersion: string): PbxDialect {
  const major = Number.parseInt(amiVersion.split('.')[0] ?? '', 10);
  // An unreadable version is taken as a modern one: that is what is deployed today.
  const legacy = Number.isFinite(major) && major < 2;
  return {
    family: legacy ? 'asterisk-11' : 'asterisk-13',
    amiVersion,
    monitorAvailable: legacy || major < MONITOR_REMOVED_AT_AMI_MAJOR,
    mixMonitorEvents: !legacy,
    monitorEvents: !legacy,
  };
}
