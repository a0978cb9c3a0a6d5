import type { QueueDesk } from '../pbx/queues/queue-commands';
import { connectedDesk, outcome } from './desk-outcome';
import type { Handlers } from './gatekeeper';

type QueueChannel = Extract<keyof Handlers, `queues:${string}`>;

/** The operator's queue intents, served by the current session's queue desk. */
export function createQueueHandlers(currentDesk: () => QueueDesk | undefined): Pick<Handlers, QueueChannel> {
  const desk = connectedDesk(currentDesk);
  return {
    'queues:pause': ({ memberId, paused, reason }) => outcome(desk().pause(memberId, paused, reason)),
    'queues:addMember': ({ queueId, extensionId }) => outcome(desk().addMember(queueId, extensionId)),
    'queues:removeMember': ({ memberId }) => outcome(desk().removeMember(memberId)),
    'queues:pull': ({ callerId, target }) => outcome(desk().pull(callerId, target)),
  };
}
