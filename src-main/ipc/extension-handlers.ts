import type { ExtensionDesk } from '../pbx/extension-desk';
import { connectedDesk, outcome } from './desk-outcome';
import type { Handlers } from './gatekeeper';

type ExtensionChannel = Extract<keyof Handlers, `extensions:${string}`>;

/** The operator's intents on an extension (presence, DND, voicemail), served by the current session. */
export function createExtensionHandlers(
  currentDesk: () => ExtensionDesk | undefined,
): Pick<Handlers, ExtensionChannel> {
  const desk = connectedDesk(currentDesk);
  return {
    'extensions:setPresence': ({ extensionId, state, message }) =>
      outcome(desk().setPresence(extensionId, state, message ?? '')).then(() => null),
    'extensions:setDnd': ({ extensionId, on }) => outcome(desk().setDnd(extensionId, on)).then(() => null),
    'extensions:callVoicemail': ({ extensionId }) => outcome(desk().callVoicemail(extensionId)),
  };
}
