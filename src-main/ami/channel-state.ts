/** Asterisk's channel states (`enum ast_channel_state`), the codes AMI's `ChannelState` header carries. */
export const CHANNEL_STATE = {
  down: 0,
  rsrvd: 1,
  offhook: 2,
  dialing: 3,
  ring: 4,
  ringing: 5,
  up: 6,
  busy: 7,
} as const;

export type ChannelStateCode = (typeof CHANNEL_STATE)[keyof typeof CHANNEL_STATE];

/** The code of a state spelled as a word (`ChannelStateDesc: Up`, 1.4/1.8's `State: Ring`), any case. */
export function channelStateCodeOf(word: string): ChannelStateCode | undefined {
  const key = word.toLowerCase();
  return Object.hasOwn(CHANNEL_STATE, key) ? CHANNEL_STATE[key as keyof typeof CHANNEL_STATE] : undefined;
}
