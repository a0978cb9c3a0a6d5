import type { AmiMessage } from '../../ami/message';
import type { PbxDialect } from '../dialect';
import { adaptAsterisk11 } from './adapt-asterisk11';
import { adaptAsterisk13 } from './adapt-asterisk13';
import { serviceEventOf } from './adapt-services';
import type { PbxEvent } from './events';

export type EventAdapter = (message: AmiMessage) => PbxEvent[];

const withServices =
  (adapt: EventAdapter): EventAdapter =>
  (message) => {
    const service = serviceEventOf(message);
    return service ? [...adapt(message), service] : adapt(message);
  };

const ASTERISK_11 = withServices(adaptAsterisk11);
const ASTERISK_13 = withServices(adaptAsterisk13);

/** The adapter that reads this dialect's events. */
export function eventAdapterFor(dialect: PbxDialect): EventAdapter {
  return dialect.family === 'asterisk-11' ? ASTERISK_11 : ASTERISK_13;
}
