import { refusal, type CallEndedDoing } from '../../../src-shared/refusals';
/**
 * The operator's queue intents, each naming a queue, member or waiting caller by the id the
 * QueueBoard issued; the interface or channel is looked up here, never taken from the page.
 */
import type { CommandReceipt } from '../../../src-preload/contract';
import type { HintedExtension } from '../calls/device-match';
import { fail, runAction, succeed, type CommandResult } from '../commands/context';
import { checkTarget } from '../commands/targets';
import { resolveMyDevice } from '../my-device';
import type { SessionOperator } from '../operator';
import type { AmiRequester } from '../requester';
import type { MemberRecord, QueueBoard, QueueRecord } from './queue-board';

const DONE: CommandReceipt = { kind: 'done' };

/** `118` as a word of `Local/118@phones` (not the 118 of `Local/1180@phones`). */
const asWord = (exten: string) =>
  new RegExp(`(?<![0-9A-Za-z])${exten.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![0-9A-Za-z])`, 'g');

export class QueueDesk {
  constructor(
    private readonly ami: AmiRequester,
    private readonly board: QueueBoard,
    private readonly operator: SessionOperator,
  ) {}

  /** QueuePause; the member shows paused once the PBX's QueueMemberPause says so. */
  async pause(memberId: string, paused: boolean, reason: string | undefined): Promise<CommandResult<CommandReceipt>> {
    const offline = this.live();
    if (offline) return offline;
    const found = this.board.memberWithId(memberId);
    if (!found) return fail('memberNotFound', refusal('memberGone', {}));
    const { queue, member } = found;
    return this.send(
      'QueuePause',
      {
        Queue: queue.name,
        Interface: member.iface,
        Paused: paused ? 'true' : 'false',
        ...(paused && reason ? { Reason: reason } : {}),
      },
      paused ? 'paused' : 'unpaused',
    );
  }

  /** QueueAdd of an extension's phone, named and watched the way the queue's other members are. */
  async addMember(queueId: string, extensionId: string): Promise<CommandResult<CommandReceipt>> {
    const offline = this.live();
    if (offline) return offline;
    const queue = this.board.queueWithId(queueId);
    if (!queue) return fail('queueNotFound', refusal('queueGone', {}));
    const extension = this.board.matcher().extensionWithId(extensionId);
    if (!extension) return fail('invalidTarget', refusal('extensionGone', {}));
    const member = this.memberFor(queue, extension);
    if ([...queue.members.values()].some((known) => known.iface.toLowerCase() === member.iface.toLowerCase()))
      return fail('refused', refusal('alreadyMember', { who: extension.name || extension.exten, queue: queue.name }));
    return this.send(
      'QueueAdd',
      {
        Queue: queue.name,
        Interface: member.iface,
        MemberName: (extension.name || `Ext ${extension.exten}`).slice(0, 80),
        ...(member.stateInterface ? { StateInterface: member.stateInterface } : {}),
      },
      'added',
    );
  }

  /** QueueRemove of a member added at run time (the PBX refuses static ones). */
  async removeMember(memberId: string): Promise<CommandResult<CommandReceipt>> {
    const offline = this.live();
    if (offline) return offline;
    const found = this.board.memberWithId(memberId);
    if (!found) return fail('memberNotFound', refusal('memberGone', {}));
    const { queue, member } = found;
    if (!member.dynamic) return fail('memberNotDynamic', refusal('memberFromConfiguration', { who: member.name }));
    return this.send('QueueRemove', { Queue: queue.name, Interface: member.iface }, 'removed');
  }

  /**
   * Takes a waiting caller out of the queue to an extension, or to my phone when no target is given:
   * a Redirect of the caller's channel into the dial context (trace 23). The PBX then reports the
   * caller as abandoned, as for a hang-up.
   */
  async pull(callerId: string, target: string | undefined): Promise<CommandResult<CommandReceipt>> {
    const offline = this.live();
    if (offline) return offline;
    const found = this.board.callerWithId(callerId);
    if (!found) return fail('callerLeft', refusal('callerGone', {}));
    const exten = target === undefined ? this.myExtension() : checkTarget(target);
    if (!exten.ok) return exten;
    return this.send(
      'Redirect',
      { Channel: found.caller.channel, Context: this.operator.dialContext, Exten: exten.value, Priority: 1 },
      'moved',
    );
  }

  private myExtension(): CommandResult<string> {
    const { myDevice, dialContext } = this.operator;
    const mine = myDevice ? resolveMyDevice(myDevice, this.board.matcher(), dialContext)?.extension : undefined;
    if (mine) return succeed(mine.exten);
    return fail('failed', refusal('needsMyExtension', {}));
  }

  /**
   * The interface and state interface for a new member: like a member already there
   * (`Local/118@phones` + `Custom:118` gives `Local/117@phones` + `Custom:117`), else the
   * extension's phone watched through its hint.
   */
  private memberFor(queue: QueueRecord, extension: HintedExtension): Pick<MemberRecord, 'iface' | 'stateInterface'> {
    for (const model of queue.members.values()) {
      const own = this.board.extensionOf(model);
      if (!own || !asWord(own.exten).test(model.iface)) continue;
      const swap = (text: string) => text.replace(asWord(own.exten), extension.exten);
      return { iface: swap(model.iface), stateInterface: model.stateInterface ? swap(model.stateInterface) : '' };
    }
    const context = extension.id.slice(extension.id.indexOf('@') + 1);
    const phone = resolveMyDevice(extension.exten, this.board.matcher(), context)?.device;
    return { iface: phone ?? `Local/${extension.exten}@${context}`, stateInterface: `hint:${extension.id}` };
  }

  private live(): ReturnType<typeof fail> | undefined {
    return this.board.isLive ? undefined : fail('notConnected', refusal('notConnected', {}));
  }

  private async send(
    action: string,
    headers: Record<string, string | number>,
    doing: CallEndedDoing,
  ): Promise<CommandResult<CommandReceipt>> {
    const sent = await runAction({ ami: this.ami }, action, headers, doing);
    return sent.ok ? succeed(DONE) : sent;
  }
}
