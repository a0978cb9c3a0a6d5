/**
 * A second launch of Switchboard while one runs: the second process hands its command line to the
 * first and quits; the first comes to the front and follows `--profile`, as a fresh launch would.
 * Electron carries the hand-over (`requestSingleInstanceLock`, `second-instance`); this is the rest.
 */

const HANDOVER_KIND = 'switchboard-launch';
const MAX_ARGS = 200;
const MAX_ARG_LENGTH = 4096;

/**
 * What the second process sends. Its argv travels as data because Chromium may rewrite the argv that
 * Electron forwards to the first.
 */
export interface LaunchHandover {
  readonly kind: typeof HANDOVER_KIND;
  readonly argv: readonly string[];
}

export function handoverFor(argv: readonly string[]): LaunchHandover {
  return { kind: HANDOVER_KIND, argv: [...argv] };
}

export interface SecondLaunchDeps {
  /** Shows the console's window in front (restored, focused), opening one if none is left. */
  focus(): void;
  /** Follows `--profile` from this command line, as at start. */
  loginAtLaunch(argv: readonly string[]): Promise<void>;
}

/**
 * In the first process: the window comes to the front, then the second launch's `--profile` is followed.
 * `data` is what the second process sent; an older or foreign sender's falls back to Electron's argv.
 */
export async function followSecondLaunch(data: unknown, forwardedArgv: readonly string[], deps: SecondLaunchDeps) {
  deps.focus();
  await deps.loginAtLaunch(isHandover(data) ? data.argv : forwardedArgv);
}

function isHandover(data: unknown): data is LaunchHandover {
  if (typeof data !== 'object' || data === null) return false;
  const { kind, argv } = data as Record<string, unknown>;
  return (
    kind === HANDOVER_KIND &&
    Array.isArray(argv) &&
    argv.length <= MAX_ARGS &&
    argv.every((arg) => typeof arg === 'string' && arg.length <= MAX_ARG_LENGTH)
  );
}
