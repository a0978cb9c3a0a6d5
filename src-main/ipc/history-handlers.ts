import { refusal } from '../../src-shared/refusals';
import type { CallHistory } from '../directory/call-history';
import { OperatorError, type Handlers } from './gatekeeper';

type HistoryChannel = Extract<keyof Handlers, `history:${string}`>;

const UNAVAILABLE = refusal('historyUnavailable', {});

/** The history panel's queries, served from the logged-in profile's call history. */
export function historyHandlers(current: () => CallHistory | undefined): Pick<Handlers, HistoryChannel> {
  const history = (): CallHistory => {
    const found = current();
    if (!found) throw new OperatorError('historyUnavailable', UNAVAILABLE);
    return found;
  };
  return {
    'history:list': (query) => history().page(query),
    'history:missedCount': async () => (await current()?.unseenMissed()) ?? 0,
    'history:markSeen': async () => {
      await history().markSeen();
      return null;
    },
    'history:export': (filter) => history().exportCsv(filter),
  };
}
