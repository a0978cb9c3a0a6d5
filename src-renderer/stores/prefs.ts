import { defineStore } from 'pinia';
import { ref } from 'vue';

export type Grouping = 'context' | 'none';

export const usePrefsStore = defineStore('prefs', () => {
  const filter = ref('');
  const grouping = ref<Grouping>('context');
  return { filter, grouping };
});
