import { computed, ref } from 'vue';
import { DIAL_TARGET } from '../../src-preload/dial-target';

/** A number being typed to dial or transfer to: the hint shows after a try, until it is one the console can dial. */
export function useDialEntry() {
  const text = ref('');
  const tried = ref(false);
  const invalid = computed(() => tried.value && !DIAL_TARGET.test(text.value.trim()));

  /** The number to use, or undefined when nothing dialable was typed (an empty field is no try). */
  function take(): string | undefined {
    const target = text.value.trim();
    if (!target) return undefined;
    tried.value = true;
    return DIAL_TARGET.test(target) ? target : undefined;
  }

  function clear() {
    text.value = '';
    tried.value = false;
  }

  return { text, invalid, take, clear };
}
