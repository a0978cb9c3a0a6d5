import type { CommandReceipt } from '../../src-preload/contract';
import { NOT_CONNECTED_MESSAGE } from '../ami/action-error';
import type { CommandResult } from '../pbx/commands/context';
import type { QueueDesk } from '../pbx/queues/queue-commands';
import { OperatorError, type Handlers } from './gatekeeper';

type QueueChannel = Extract<keyof Handlers, `queues:${string}`>;

/** The operator's queue intents, served by the current session's queue desk. */
export function createQueueHandlers(currentDesk: () => QueueDesk | undefined): Pick<Handlers, QueueChannel> {
  const desk = (): QueueDesk => {
    const found = currentDesk();
    if (!found) throw new OperatorError('notConnected', NOT_CONNECTED_MESSAGE);
    return found;
  };
  return {
    'queues:pause': ({ memberId, paused, reason }) => outcome(desk().pause(memberId, paused, reason)),
    'queues:addMember': ({ queueId, extensionId }) => outcome(desk().addMember(queueId, extensionId)),
    'queues:removeMember': ({ memberId }) => outcome(desk().removeMember(memberId)),
    'queues:pull': ({ callerId, target }) => outcome(desk().pull(callerId, target)),
  };
}

async function outcome(pending: Promise<CommandResult<CommandReceipt>>): Promise<CommandReceipt> {
  const result = await pending;
  if (!result.ok) throw new OperatorError(result.error.code, result.error.message);
  return result.value;
}
