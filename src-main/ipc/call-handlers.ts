import type { CommandReceipt } from '../../src-preload/contract';
import { NOT_CONNECTED_MESSAGE } from '../ami/action-error';
import type { CallDesk } from '../pbx/call-desk';
import type { CommandResult } from '../pbx/commands/context';
import { OperatorError, type Handlers } from './gatekeeper';

type CallChannel = Extract<keyof Handlers, `calls:${string}` | `parking:${string}`>;

/** The operator's call intents, served by the current session's call desk. */
export function createCallHandlers(currentDesk: () => CallDesk | undefined): Pick<Handlers, CallChannel> {
  const desk = (): CallDesk => {
    const found = currentDesk();
    if (!found) throw new OperatorError('notConnected', NOT_CONNECTED_MESSAGE);
    return found;
  };
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

/** A command's failure becomes the operator-readable error of the result union. */
async function outcome(pending: Promise<CommandResult<CommandReceipt>>): Promise<CommandReceipt> {
  const result = await pending;
  if (!result.ok) throw new OperatorError(result.error.code, result.error.message);
  return result.value;
}
