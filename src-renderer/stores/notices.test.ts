import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useNoticesStore } from './notices';

beforeEach(() => {
  setActivePinia(createPinia());
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

describe('notices', () => {
  it('lets a success fade and keeps an error until dismissed', () => {
    const notices = useNoticesStore();
    notices.show('success', 'Parked.');
    notices.show('error', 'Could not park.');
    vi.advanceTimersByTime(60_000);
    expect(notices.notices.map((notice) => notice.text)).toEqual(['Could not park.']);
    notices.dismiss(notices.notices[0]!.key);
    expect(notices.notices).toEqual([]);
  });

  it('shows three at most, letting the oldest that is not an error go first', () => {
    const notices = useNoticesStore();
    notices.show('error', 'E1');
    notices.show('success', 'S1');
    notices.show('error', 'E2');
    notices.show('progress', 'P1');
    expect(notices.notices.map((notice) => notice.text)).toEqual(['E1', 'E2', 'P1']);
    notices.show('error', 'E3');
    notices.show('error', 'E4');
    expect(notices.notices.map((notice) => notice.text)).toEqual(['E2', 'E3', 'E4']);
  });
});
