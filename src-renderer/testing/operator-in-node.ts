/**
 * Test-only: the receptionist at 100 (PJSIP/100, dialling in `internal`) logged in through the page's
 * own stores, with the board, the calls and the session following main as App.vue has them follow.
 */
import { expect } from 'vitest';
import { useBoardStore } from '../stores/board';
import { useCallsStore } from '../stores/calls';
import { useNoticesStore } from '../stores/notices';
import { useProfilesStore } from '../stores/profiles';
import { useSessionStore } from '../stores/session';

export async function logInAsOperator(pbx: { host: string; port: number }): Promise<() => void> {
  const session = useSessionStore();
  const board = useBoardStore();
  const calls = useCallsStore();
  const stops = [session.follow(), board.follow(), calls.follow()];
  const profiles = useProfilesStore();
  const created = await profiles.create({
    displayName: 'Reception',
    host: pbx.host,
    port: pbx.port,
    username: 'demo',
    myDevice: 'PJSIP/100',
    dialContext: 'internal',
  });
  expect(created).toBe(true);
  await session.connect({ profileId: profiles.selectedId!, secret: 'demo' });
  await expect.poll(() => calls.identity.myExtensionId).toBe('100@internal');
  await expect.poll(() => board.tiles.length).toBeGreaterThan(10);
  return () => stops.forEach((stop) => stop());
}

/** The notices' words, as the operator reads them. */
export const noticeTexts = () => useNoticesStore().notices.map((notice) => notice.text);
