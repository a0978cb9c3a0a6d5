import { astdbActions } from './astdb';
import { callActions } from './calls';
import { channelActions } from './channels';
import { hintActions } from './hints';
import { parkingActions } from './parking';
import { phoneActions } from './phones';
import { queueActions, voicemailActions } from './queue';
import { recordingActions } from './recording';
import { sessionActions } from './session';
import { systemActions } from './system';
import type { ActionDefinition } from './types';
import type { DialectProfile } from '../dialects';

export { ActionContext, type ActionDefinition, type PbxRuntime } from './types';

const ALL: readonly ActionDefinition[] = [
  ...sessionActions,
  ...systemActions,
  ...hintActions,
  ...channelActions,
  ...callActions,
  ...parkingActions,
  ...recordingActions,
  ...queueActions,
  ...voicemailActions,
  ...astdbActions,
  ...phoneActions,
];

/** The actions a dialect knows, keyed by lower-case name (Asterisk matches names case-insensitively). */
export function actionTable(dialect: DialectProfile): Map<string, ActionDefinition> {
  const table = new Map<string, ActionDefinition>();
  for (const def of ALL) if (!def.available || def.available(dialect)) table.set(def.name.toLowerCase(), def);
  return table;
}
