import type { AmiMessage } from '../../../ami/message';

/**
 * The events of each Local optimisation in a stream, from LocalOptimizationBegin to the pair's last
 * Hangup, with channels and bridges named by role: `one`/`two` (the pair), `source` (the channel
 * swapped in), `outer` (`one`'s bridge, the call's) and `inner` (`two`'s). Dialplan noise is left out.
 */
export function localOptimizations(messages: readonly AmiMessage[]): string[][] {
  const bridgeOf = new Map<string, string>();
  const runs: string[][] = [];
  let open: { roles: Map<string, string>; events: string[]; hungUp: number } | undefined;
  for (const m of messages) {
    const event = m.event;
    if (event === undefined) continue;
    const channel = m.get('Channel') ?? '';
    if (event === 'LocalOptimizationBegin') {
      const one = m.get('LocalOneChannel')!;
      const two = m.get('LocalTwoChannel')!;
      const roles = new Map([
        [one, 'one'],
        [two, 'two'],
        [m.get('SourceChannel')!, 'source'],
        [m.get('LocalOneUniqueid')!, 'one'],
        [bridgeOf.get(one) ?? '?', 'outer'],
        [bridgeOf.get(two) ?? '?', 'inner'],
      ]);
      open = { roles, events: [], hungUp: 0 };
      runs.push(open.events);
    }
    if (event === 'BridgeEnter') bridgeOf.set(channel, m.get('BridgeUniqueid')!);
    if (event === 'BridgeLeave') bridgeOf.delete(channel);
    if (!open || !/^(LocalOptimization(Begin|End)|Bridge(Enter|Leave|Destroy)|Hangup)$/.test(event)) continue;
    const role = (value: string | undefined) => (value === undefined ? undefined : open!.roles.get(value));
    const parts = [event, role(m.get('LocalOneChannel')) ?? role(channel), role(m.get('BridgeUniqueid'))];
    const swap = role(m.get('SwapUniqueid'));
    if (swap) parts.push(`swap ${swap}`);
    if (parts.slice(1).every((p) => p === undefined)) continue;
    open.events.push(parts.filter((p) => p !== undefined).join(' '));
    if (event === 'Hangup' && (role(channel) === 'one' || role(channel) === 'two') && ++open.hungUp === 2)
      open = undefined;
  }
  return runs;
}
