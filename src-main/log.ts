import type { GatekeeperLog } from './ipc/gatekeeper';

/**
 * The main process's log. Messages are composed by our own code and never include secrets;
 * for errors only the name and message are printed, not the objects they carry.
 */
export const consoleLog: GatekeeperLog = {
  warn: (message) => console.warn(`[switchboard] ${message}`),
  error: (message, error) =>
    console.error(
      `[switchboard] ${message}: ${error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error'}`,
    ),
};
