import type { GatekeeperLog } from './ipc/gatekeeper';

/** What the guard has caught in this process: each a bug, logged when it happened. */
export interface ProcessFaults {
  readonly count: number;
  /** `Name: message` of each, never the objects they carry. */
  readonly descriptions: readonly string[];
}

const guarded = new WeakMap<NodeJS.Process, ProcessFaults>();

/**
 * An unhandled rejection or an uncaught exception in main is a bug. Left alone, Node ends the process
 * (and the console vanishes under the operator, sessions and all); here it is logged, counted, and the
 * process goes on. Once per process: later calls return the same count.
 */
export function guardProcess(log: GatekeeperLog, target: NodeJS.Process = process): ProcessFaults {
  const existing = guarded.get(target);
  if (existing !== undefined) return existing;
  const descriptions: string[] = [];
  const faults: ProcessFaults = {
    get count() {
      return descriptions.length;
    },
    descriptions,
  };
  const record = (what: string) => (error: unknown) => {
    descriptions.push(error instanceof Error ? `${error.name}: ${error.message}` : `${what}: ${typeof error}`);
    log.error(what, error);
  };
  target.on('unhandledRejection', record('a promise was rejected and nobody handled it'));
  target.on('uncaughtException', record('an exception was thrown and nobody caught it'));
  guarded.set(target, faults);
  return faults;
}
