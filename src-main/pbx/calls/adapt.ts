import type { AmiMessage } from '../../ami/message';
import type { PbxDialect } from '../dialect';
import { adaptAsterisk11 } from './adapt-asterisk11';
import { adaptAsterisk13 } from './adapt-asterisk13';
import type { PbxEvent } from './events';

export type EventAdapter = (message: AmiMessage) => PbxEvent[];

/** The adapter that reads this dialect's events. */
export function eventAdapterFor(dialect: PbxDialect): EventAdapter {
  return dialect.family === 'asterisk-11' ? adaptAsterisk11 : adaptAsterisk13;
}
