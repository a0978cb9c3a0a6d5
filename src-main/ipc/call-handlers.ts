import type { CallDesk } from '../pbx/call-desk';
import { connectedDesk, outcome } from './desk-outcome';
import type { Handlers } from './gatekeeper';

type CallChannel = Extract<keyof Handlers, `calls:${string}` | `parking:${string}`>;

/** The operator's call intents, served by the current session's call desk. */
export function createCallHandlers(currentDesk: () => CallDesk | undefined): Pick<Handlers, CallChannel> {
  const desk = connectedDesk(currentDesk);
  return {
    'calls:dial': ({ target }) => outcome(desk().dial(target)),
    'calls:transfer': (request) => outcome(desk().transfer(request)),
    'calls:park': ({ callId, partyId }) => outcome(desk().park(callId, partyId)),
    'calls:record': ({ callId, action }) => outcome(desk().record(callId, action)),
    'calls:hangup': ({ callId }) => outcome(desk().hangup(callId)),
    'calls:finishTransfer': ({ commandId, action }) => outcome(desk().finishTransfer(commandId, action)),
    'calls:take': ({ callId }) => outcome(desk().take(callId)),
    'calls:listen': ({ callId, partyId, mode }) => outcome(desk().listen(callId, partyId, mode)),
    'calls:stopListening': ({ listenId }) => outcome(desk().stopListening(listenId)),
    'calls:operator': () => currentDesk()?.identity() ?? { myDevice: undefined, myExtensionId: undefined },
    'parking:pickup': ({ slot }) => outcome(desk().pickup(slot)),
    'parking:move': ({ slot, target }) => outcome(desk().moveParked(slot, target)),
  };
}
