import type { CommandProgress, ConnectRequest, SessionIdentity } from '../../src-preload/contract';
import type { AmiClientOptions } from '../ami/client';
import type { CallRecord } from '../../src-shared/call-history';
import type { SessionOperator } from '../pbx/operator';
import type { PictureStore } from '../pbx/picture-store';
import { PbxSession, type AmiLink } from './pbx-session';
import type { CredentialService } from '../profiles/credentials';
import { DEMO_PROFILE, type AnyProfile, type DemoProfile, type UserProfile } from '../../src-shared/profile';
import { OperatorError } from '../ipc/gatekeeper';
import { LOGIN_EVENT_CLASSES } from './console-events';
import { refusal } from '../../src-shared/refusals';

/** The AMI client's login settings, secret included: they go to the client and nowhere else. */
export type LoginClientOptions = Pick<
  AmiClientOptions,
  'host' | 'port' | 'username' | 'secret' | 'authType' | 'tls' | 'events'
>;

/** What a connect request logs in with: the Demo PBX, or a user profile and the secret to use. */
export type Login =
  | { readonly kind: 'demo'; readonly profile: DemoProfile }
  | {
      readonly kind: 'server';
      readonly profile: UserProfile;
      readonly clientOptions: LoginClientOptions;
    };

export interface LoginDeps {
  readonly profiles: { get(id: string): Promise<AnyProfile | undefined> };
  readonly credentials: CredentialService;
}

const PROFILE_GONE = refusal('profileGone', {});

/**
 * Which profile and secret a connect request logs in with, or the refusal the login screen shows
 * (`needsSecret` next to the secret field). Never says anything about the secret but whether one is needed.
 */
export async function resolveLogin(request: ConnectRequest, deps: LoginDeps): Promise<Login> {
  const found = await deps.credentials.secretForConnect(request.profileId, request.secret);
  switch (found.kind) {
    case 'noSecretNeeded':
      return { kind: 'demo', profile: DEMO_PROFILE };
    case 'unknownProfile':
      throw new OperatorError('unknownProfile', PROFILE_GONE);
    case 'invalidSecret':
      throw new OperatorError('invalidSecret', found.said);
    case 'needsSecret':
      throw new OperatorError('needsSecret', found.said);
    case 'secret': {
      const profile = await deps.profiles.get(request.profileId);
      if (profile?.kind !== 'user') throw new OperatorError('unknownProfile', PROFILE_GONE);
      return { kind: 'server', profile, clientOptions: clientOptionsFor(profile, found.secret) };
    }
  }
}

export function clientOptionsFor(profile: UserProfile, secret: string): LoginClientOptions {
  const { tls } = profile;
  return {
    host: profile.host,
    port: profile.port,
    username: profile.username,
    secret,
    authType: profile.authType,
    events: LOGIN_EVENT_CLASSES,
    ...(tls.enabled ? { tls: { caFile: tls.caFile, serverName: tls.serverName } } : {}),
  };
}

/** Who the operator is on this session (my phone, dial context, parking lot, recording names): the profile says. */
export function operatorOf(profile: AnyProfile): SessionOperator {
  return {
    myDevice: profile.myDevice,
    dialContext: profile.dialContext,
    parkingLot: profile.parkingLot,
    recordingPattern: profile.recordingPattern,
    voicemailPattern: profile.voicemailPattern,
    dndMethod: profile.dndMethod,
    listenIn: profile.listenIn,
  };
}

export interface SessionWiring {
  readonly identity: SessionIdentity;
  /** The AMI user the link logs in as, for the status bar. */
  readonly username: string;
  readonly store: PictureStore;
  readonly onProgress: (progress: CommandProgress) => void;
  /** Where each call the history keeps goes when it ends. */
  readonly onCallRecord: (record: CallRecord) => void;
}

/** The one way a session is put together from a profile and its AMI link, in the app and in the tests. */
export function openSession(profile: AnyProfile, link: AmiLink, wiring: SessionWiring): PbxSession {
  return new PbxSession({
    ...wiring,
    link,
    operator: operatorOf(profile),
    historyScope: profile.history.scope,
    ownNames: profile.board.ownNames,
  });
}
