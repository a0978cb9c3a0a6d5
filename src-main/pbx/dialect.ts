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
  /** MixMonitor sends MixMonitorStart/Stop/Mute events (12+); before that the badge follows the command result. */
  readonly mixMonitorEvents: boolean;
  /** Monitor sends MonitorStart/Stop (12+); pause and unpause never send events. */
  readonly monitorEvents: boolean;
  /** The `Filter` action exists (13+, AMI 2.5): the PBX can drop the events the console does not read. */
  readonly eventFilter: boolean;
}

/** Asterisk 13.0's AMI version, 2.5: the first with `Filter`. */
const FILTER_FROM_AMI = { major: 2, minor: 5 };

export function dialectForAmiVersion(amiVersion: string): PbxDialect {
  const [major = NaN, minor = 0] = amiVersion.split('.').map((part) => Number.parseInt(part, 10));
  // An unreadable version is taken as a modern one: that is what is deployed today.
  const known = Number.isFinite(major);
  const legacy = known && major < 2;
  const beforeFilter =
    known && (major < FILTER_FROM_AMI.major || (major === FILTER_FROM_AMI.major && minor < FILTER_FROM_AMI.minor));
  return {
    family: legacy ? 'asterisk-11' : 'asterisk-13',
    amiVersion,
    mixMonitorEvents: !legacy,
    monitorEvents: !legacy,
    eventFilter: !beforeFilter,
  };
}
