import { defineStore } from 'pinia';
import { computed } from 'vue';
import type { CommandReceipt, IpcResult } from '../../src-preload/contract';
import type { CallQueue, PbxPicture, QueueCaller, QueueMember } from '../../src-preload/state';
import { personLabel } from '../components/call-words';
import { i18n } from '../i18n';
import { switchboard } from '../services/switchboard';
import { useBoardStore } from './board';
import { useNoticesStore } from './notices';
import { followInPicture, type PictureVerdict } from './picture-outcomes';
import { mainWords } from '../i18n/main-words';

const byName = new Intl.Collator(undefined, { numeric: true });

/** Longest waiting first; the PBX's position breaks a tie. */
const longestFirst = (a: QueueCaller, b: QueueCaller) => a.joinedAt - b.joinedAt || a.position - b.position;

const memberIn = (picture: PbxPicture, memberId: string): QueueMember | undefined => {
  for (const queue of Object.values(picture.queues)) {
    const found = queue.members.find((member) => member.id === memberId);
    if (found) return found;
  }
  return undefined;
};

/**
 * The queues: who waits, who answers. Every action is sent as an intent on ids main issued; what
 * the panel then says comes from the PBX's events as the picture shows them.
 */
export const useQueuesStore = defineStore('queues', () => {
  const board = useBoardStore();
  const notices = useNoticesStore();
  const { t } = i18n.global;

  const queues = computed<readonly CallQueue[]>(() =>
    Object.values(board.picture.queues)
      .map((queue) => ({ ...queue, callers: [...queue.callers].sort(longestFirst) }))
      .sort((a, b) => byName.compare(a.name, b.name)),
  );
  function callerOf(queueId: string, callerId: string): { queue: CallQueue; caller: QueueCaller } | undefined {
    const queue = board.picture.queues[queueId];
    const caller = queue?.callers.find((one) => one.id === callerId);
    return queue && caller ? { queue, caller } : undefined;
  }

  async function run(
    pending: Promise<IpcResult<CommandReceipt>>,
    follow?: { pending: string; judge: (picture: PbxPicture) => PictureVerdict; unseen: string },
  ): Promise<boolean> {
    const result = await pending;
    if (!result.ok) {
      notices.show('error', mainWords(result.error));
      return false;
    }
    if (follow) followInPicture(follow);
    return true;
  }

  function pause(member: QueueMember, paused: boolean, reason?: string): Promise<boolean> {
    const who = member.name;
    return run(switchboard().queues.pause({ memberId: member.id, paused, ...(reason ? { reason } : {}) }), {
      pending: paused ? t('queues.outcome.pausing', { who }) : t('queues.outcome.unpausing', { who }),
      judge: (picture) => {
        const now = memberIn(picture, member.id);
        if (!now) return { tone: 'error', text: t('queues.outcome.memberGone', { who }) };
        if (now.paused !== paused) return undefined;
        const text = paused
          ? now.pausedReason
            ? t('queues.outcome.pausedWhy', { who, reason: now.pausedReason })
            : t('queues.outcome.paused', { who })
          : t('queues.outcome.unpaused', { who });
        return { tone: 'success', text };
      },
      unseen: t('queues.outcome.pauseUnseen', { who }),
    });
  }

  function addMember(queue: CallQueue, extensionId: string, who: string): Promise<boolean> {
    return run(switchboard().queues.addMember({ queueId: queue.id, extensionId }), {
      pending: t('queues.outcome.adding', { who, queue: queue.name }),
      judge: (picture) =>
        picture.queues[queue.id]?.members.some((member) => member.extensionId === extensionId)
          ? { tone: 'success', text: t('queues.outcome.added', { who, queue: queue.name }) }
          : undefined,
      unseen: t('queues.outcome.addUnseen', { who, queue: queue.name }),
    });
  }

  function removeMember(queue: CallQueue, member: QueueMember): Promise<boolean> {
    const who = member.name;
    return run(switchboard().queues.removeMember({ memberId: member.id }), {
      pending: t('queues.outcome.removing', { who, queue: queue.name }),
      judge: (picture) =>
        memberIn(picture, member.id)
          ? undefined
          : { tone: 'success', text: t('queues.outcome.removed', { who, queue: queue.name }) },
      unseen: t('queues.outcome.removeUnseen', { who, queue: queue.name }),
    });
  }

  /** To an extension, or to my phone when no target is given; done when the caller has left the queue. */
  function pull(queue: CallQueue, caller: QueueCaller, target?: string): Promise<boolean> {
    const who = personLabel(caller);
    const where = target ?? t('queues.myPhone');
    return run(switchboard().queues.pull({ callerId: caller.id, ...(target ? { target } : {}) }), {
      pending: t('queues.outcome.pulling', { who, where }),
      judge: (picture) =>
        picture.queues[queue.id]?.callers.some((one) => one.id === caller.id)
          ? undefined
          : { tone: 'success', text: t('queues.outcome.pulled', { who, where }) },
      unseen: t('queues.outcome.pullUnseen', { who }),
    });
  }

  return { queues, callerOf, pause, addMember, removeMember, pull };
});
