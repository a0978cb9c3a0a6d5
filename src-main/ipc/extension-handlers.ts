import { NOT_CONNECTED_MESSAGE } from '../ami/action-error';
import type { ExtensionDesk } from '../pbx/extension-desk';
import type { CommandResult } from '../pbx/commands/context';
import { OperatorError, type Handlers } from './gatekeeper';

type ExtensionChannel = Extract<keyof Handlers, `extensions:${string}`>;

/** The operator's intents on an extension (presence, DND, voicemail), served by the current session. */
export function createExtensionHandlers(
  currentDesk: () => ExtensionDesk | undefined,
): Pick<Handlers, ExtensionChannel> {
  const desk = (): ExtensionDesk => {
    const found = currentDesk();
    if (!found) throw new OperatorError('notConnected', NOT_CONNECTED_MESSAGE);
    return found;
  };
  return {
    'extensions:setPresence': async ({ extensionId, state, message }) =>
      settled(await desk().setPresence(extensionId, state, message ?? '')),
    'extensions:setDnd': async ({ extensionId, on }) => settled(await desk().setDnd(extensionId, on)),
    'extensions:callVoicemail': async ({ extensionId }) => {
      const result = await desk().callVoicemail(extensionId);
      if (!result.ok) throw new OperatorError(result.error.code, result.error.message);
      return result.value;
    },
  };
}

function settled(result: CommandResult): null {
  if (!result.ok) throw new OperatorError(result.error.code, result.error.message);
  return null;
}
