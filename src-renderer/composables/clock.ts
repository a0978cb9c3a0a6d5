import { onScopeDispose, ref, type Ref } from 'vue';

const now = ref(Date.now());
let users = 0;
let ticker: ReturnType<typeof setInterval> | undefined;

/** One shared second-by-second clock for durations and countdowns; runs while anything shows one. */
export function useClock(): Readonly<Ref<number>> {
  users += 1;
  if (!ticker) {
    now.value = Date.now();
    ticker = setInterval(() => (now.value = Date.now()), 1_000);
  }
  onScopeDispose(() => {
    users -= 1;
    if (users === 0) {
      clearInterval(ticker);
      ticker = undefined;
    }
  });
  return now;
}

/** `m:ss`, or `h:mm:ss` past the hour. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}
