/**
 * A Local pair dialled without `/n` optimises away once both halves are bridged (core_local.c,
 * trace 10): the channel bridged with `;2` is swapped into `;1`'s bridge, then the pair hangs up.
 */
import type { SimChannel, SimModel } from '../model';
import type { Telephony } from './index';

/** The `;1` halves of pairs dialled without `/n`. */
const optimizable = new WeakSet<SimChannel>();
/** Asterisk numbers each optimisation attempt (`Id`), per PBX. */
const attempts = new WeakMap<SimModel, number>();

export function allowOptimization(one: SimChannel): void {
  optimizable.add(one);
}

/** After `channel` entered a bridge: if it completes an optimizable pair's two bridges, optimise it away. */
export function optimizeIfBridged(t: Telephony, channel: SimChannel): void {
  const one = channel.name.endsWith(';2') ? channel.localPeer : channel;
  const two = one?.localPeer;
  if (!one || !two || !optimizable.has(one) || one.hungUp || two.hungUp) return;
  const model = t.model;
  const outer = one.bridgeId ? model.bridges.get(one.bridgeId) : undefined;
  const inner = two.bridgeId ? model.bridges.get(two.bridgeId) : undefined;
  const [source, ...others] = model.bridgePeers(two);
  if (!outer || !inner || outer === inner || !source || others.length > 0 || model.bridgePeers(one).length !== 1)
    return;
  optimizable.delete(one);
  const id = attempts.get(model) ?? 0;
  attempts.set(model, id + 1);
  model.emit({ kind: 'localOptimizationBegin', one, two, source, id });
  model.leaveBridge(source);
  model.leaveBridge(one);
  model.enterBridge(outer, source, one);
  model.emit({ kind: 'localOptimizationEnd', one, two, id });
  model.leaveBridge(two);
  model.destroyBridgeIfEmpty(inner);
  model.destroyChannel(one, 16);
  model.destroyChannel(two, 16);
}
