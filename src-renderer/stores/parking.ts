import { defineStore } from 'pinia';
import { computed } from 'vue';
import { switchboard } from '../services/switchboard';
import { useBoardStore } from './board';
import { useNoticesStore } from './notices';
import { mainWords } from '../i18n/main-words';

/** The parking lot: who waits in which space, picked up to my phone or sent to an extension. */
export const useParkingStore = defineStore('parking', () => {
  const board = useBoardStore();
  const notices = useNoticesStore();

  const parked = computed(() =>
    Object.values(board.picture.parked).sort((a, b) => a.slot.localeCompare(b.slot, undefined, { numeric: true })),
  );

  async function pickup(slot: string): Promise<void> {
    const result = await switchboard().parking.pickup({ slot });
    if (!result.ok) notices.show('error', mainWords(result.error));
  }

  async function move(slot: string, target: string): Promise<void> {
    const result = await switchboard().parking.move({ slot, target });
    if (!result.ok) notices.show('error', mainWords(result.error));
  }

  return { parked, pickup, move };
});
