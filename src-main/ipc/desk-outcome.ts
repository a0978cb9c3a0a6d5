import { refusal } from '../../src-shared/refusals';
import type { CommandResult } from '../pbx/commands/context';
import { OperatorError } from './gatekeeper';

/** The current session's desk, read at each call; without a session the operator is told so. */
export function connectedDesk<D>(currentDesk: () => D | undefined): () => D {
  return () => {
    const found = currentDesk();
    if (!found) throw new OperatorError('notConnected', refusal('notConnected', {}));
    return found;
  };
}

/** A command's failure becomes the operator-readable error of the result union. */
export async function outcome<T>(pending: Promise<CommandResult<T>>): Promise<T> {
  const result = await pending;
  if (!result.ok) throw new OperatorError(result.error.code, result.error.refusal);
  return result.value;
}
