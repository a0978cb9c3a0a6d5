import type { Page } from '@playwright/test';
import type { AmiMessage } from '../src-main/ami/message';
import type { BrowserHost } from '../src-main/browser-host';
import { isLanguage } from '../src-shared/language';
import { ProfileDraftSchema, type ProfileDraftInput } from '../src-shared/profile';
import { WORDS } from '../src-renderer/i18n';
import type { SimulatedPbx } from '../src-main/sim';
import { expect } from './fixtures';

/**
 * The receptionist of the call e2e: at 100 (PJSIP/100 unless the PBX names it otherwise), dialling in `internal`. The profile is made
 * through main's own handler (the login screen has its own e2e), as this window's setup.
 */
export const OPERATOR_WINDOW = { id: 'e2e-setup', send: () => {}, onClosed: () => {} };

/** Logs in with a profile whose "my device" is 100's phone, as the login screen would, and waits for the board. */
export async function connectAsOperator(
  page: Page,
  host: BrowserHost,
  pbx: SimulatedPbx,
  myDevice = 'PJSIP/100',
  settings: Partial<ProfileDraftInput> = {},
): Promise<void> {
  const draft = ProfileDraftSchema.parse({
    displayName: 'Reception',
    host: pbx.host,
    port: pbx.port,
    username: 'demo',
    myDevice,
    dialContext: 'internal',
    ...settings,
  });
  const profile = await host.services.handlers['profiles:create'](draft, OPERATOR_WINDOW);
  await host.services.connect({ profileId: profile.id, secret: 'demo' });
  await expect(page.getByTestId('status-bar')).toHaveClass(/status--connected/);
  await expect(tile(page, '100')).toContainText((await wordsOf(page)).calls.you);
}

/** The words of the language the page speaks (its `<html lang>`). */
export async function wordsOf(page: Page) {
  const language = await page.evaluate(() => document.documentElement.lang);
  if (!isLanguage(language)) throw new Error(`The page speaks no language of ours: "${language}".`);
  return WORDS[language];
}

export const tile = (page: Page, exten: string) => page.locator(`[data-extension="${exten}@internal"]`);
export const callCard = (page: Page, ...numbers: string[]) =>
  numbers.reduce(
    (cards, number) => cards.filter({ has: page.locator('.call__party', { hasText: number }) }),
    page.getByTestId('calls-panel').locator('li.call:not([data-ended])'),
  );
export const notice = (page: Page) => page.getByTestId('notices');

/** Every action of this name the PBX received, oldest first. */
export const received = (pbx: SimulatedPbx, action: string): AmiMessage[] =>
  pbx.actionsReceived.filter((entry) => entry.action.get('Action') === action).map((entry) => entry.action);
export const headers = (message: AmiMessage | undefined, ...names: string[]) =>
  Object.fromEntries(names.map((name) => [name, message?.get(name)]));

/** An outside call from `from` to `to`, answered; waits until the console shows it talking. */
export async function talking(page: Page, pbx: SimulatedPbx, from: string, to: string): Promise<void> {
  await pbx.placeCall(from, to);
  await expect(callCard(page, from, to)).toHaveAttribute('data-state', 'up');
}
