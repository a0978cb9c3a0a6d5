import type { ConnectRequest, SessionStatus } from '../../src-preload/contract';
import { OperatorError } from '../ipc/gatekeeper';
import { resolveLaunchProfile } from '../profiles/launch-args';
import type { AnyProfile } from '../../src-shared/profile';
import { refusal, type Refusal } from '../../src-shared/refusals';

export interface LaunchLoginDeps {
  listProfiles(): Promise<readonly AnyProfile[]>;
  connect(request: ConnectRequest): Promise<SessionStatus>;
  /** Something the login screen should say, because the launch option could not be followed. */
  notify(said: Refusal): void;
}

/**
 * `--profile <name>` on the command line: log in with that profile at start, with its saved secret.
 * When that cannot happen (no such profile, no saved secret) the login screen says why.
 */
export async function loginAtLaunch(argv: readonly string[], deps: LaunchLoginDeps): Promise<void> {
  const launch = resolveLaunchProfile(argv, await deps.listProfiles());
  switch (launch.kind) {
    case 'none':
      return;
    case 'notFound':
    case 'ambiguous':
    case 'invalid':
      return deps.notify(launch.said);
    case 'found':
      try {
        await deps.connect({ profileId: launch.profile.id });
      } catch (error) {
        if (!(error instanceof OperatorError)) throw error;
        const why = error.refusal ?? refusal('internalFault', {});
        deps.notify(refusal('launchLoginFailed', { name: launch.profile.displayName, why }));
      }
  }
}
