import { refusal } from '../../../src-shared/refusals';
import { OriginateWatcher } from '../watchers/originate-watcher';
import { checkTarget } from './targets';
import { fail, runAction, succeed, type CommandContext, type CommandResult } from './context';

/** How long my phone rings before a dial gives up. */
const ORIGINATE_TIMEOUT_MS = 30_000;

/**
 * The transfer feature on my leg of every call the console places, for both roles a dialplan may
 * give it: `T` lets the caller of a Dial transfer, `t` the called party (with `T` alone a real
 * Asterisk passed the operator's `*2` through as digits when she was the called party).
 */
const MY_TRANSFER_FEATURE = 'BRIDGE_FEATURES=Tt';

/**
 * Calls my phone first, then the target from the dial context (async: the acknowledgement only
 * says "queued"; the returned watcher follows OriginateResponse and the second leg).
 */
export async function dial(ctx: CommandContext, target: string): Promise<CommandResult<{ watcher: OriginateWatcher }>> {
  const checked = checkTarget(target);
  if (!checked.ok) return checked;
  return originateFromMyPhone(ctx, checked.value);
}

/** Picks up a parked call to my phone: my phone is called, then connected to the parking space. */
export async function pickupParked(
  ctx: CommandContext,
  slot: string,
): Promise<CommandResult<{ watcher: OriginateWatcher }>> {
  if (!ctx.model().parked.has(slot)) {
    return fail('slotEmpty', refusal('slotEmpty', { slot }));
  }
  return originateFromMyPhone(ctx, slot);
}

async function originateFromMyPhone(
  ctx: CommandContext,
  exten: string,
): Promise<CommandResult<{ watcher: OriginateWatcher }>> {
  const { profile } = ctx;
  const headers: Record<string, string | number> = {
    Channel: profile.myDevice,
    Context: profile.dialContext,
    Exten: exten,
    Priority: 1,
    Async: 'true',
    Timeout: ORIGINATE_TIMEOUT_MS,
    Variable: MY_TRANSFER_FEATURE,
  };
  if (profile.callerId) headers.CallerID = profile.callerId;
  const startedAt = ctx.now();
  const sent = await runAction(ctx, 'Originate', headers, 'placed');
  if (!sent.ok) return sent;
  return succeed({
    watcher: new OriginateWatcher({
      actionId: sent.value.actionId,
      myDevice: profile.myDevice,
      target: exten,
      startedAt,
      timeoutMs: ORIGINATE_TIMEOUT_MS,
    }),
  });
}
