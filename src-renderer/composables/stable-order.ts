import { computed, shallowRef, watch, type Ref } from 'vue';
import type { LiveCall } from '../../src-preload/state';

export type CallSection = 'mine' | 'others';

/** A card in the calls panel; an ended one stays as a ghost while the pointer is over the panel. */
export interface PanelCard {
  readonly call: LiveCall;
  readonly ended: boolean;
}

interface Place {
  readonly id: string;
  readonly section: CallSection;
}

/**
 * The calls panel's order, held still while the operator points at it or works in it: a new call
 * takes the last place, an ended one keeps its place (as a ghost) while the pointer is there, and
 * the sort (my calls first, then longest waiting) happens once the pointer and focus have left.
 */
export function useStableOrder(
  sorted: () => readonly LiveCall[],
  isMine: (call: LiveCall) => boolean,
  hold: { readonly pointer: Ref<boolean>; readonly focus: Ref<boolean> },
) {
  // Shallow: a deep ref wrapped every call read through it in a proxy, at every change of the calls.
  const places = shallowRef<readonly Place[]>([]);
  /** The last picture of each call shown, for the ghost of one that ended. */
  const lastSeen = shallowRef(new Map<string, LiveCall>());

  function resort(calls: readonly LiveCall[]): void {
    places.value = [
      ...calls.filter(isMine).map((call): Place => ({ id: call.id, section: 'mine' })),
      ...calls.filter((call) => !isMine(call)).map((call): Place => ({ id: call.id, section: 'others' })),
    ];
  }

  watch(
    [sorted, hold.pointer, hold.focus],
    () => {
      const calls = sorted();
      const live = new Map(calls.map((call) => [call.id, call]));
      if (!hold.pointer.value && !hold.focus.value) resort(calls);
      else {
        const kept = places.value.filter((place) => hold.pointer.value || live.has(place.id));
        const placed = new Set(kept.map((place) => place.id));
        const arrivals = calls.filter((call) => !placed.has(call.id));
        places.value = [...kept, ...arrivals.map((call): Place => ({ id: call.id, section: 'others' }))];
      }
      const seen = new Map(lastSeen.value);
      for (const [id, call] of live) seen.set(id, call);
      const held = new Set(places.value.map((place) => place.id));
      for (const id of seen.keys()) if (!held.has(id)) seen.delete(id);
      lastSeen.value = seen;
    },
    { immediate: true },
  );

  const cardsOf = (section: CallSection) =>
    computed<PanelCard[]>(() => {
      const live = new Set(sorted().map((call) => call.id));
      return places.value
        .filter((place) => place.section === section)
        .flatMap((place) => {
          const call = lastSeen.value.get(place.id);
          return call ? [{ call, ended: !live.has(place.id) }] : [];
        });
    });

  return { mine: cardsOf('mine'), others: cardsOf('others') };
}
