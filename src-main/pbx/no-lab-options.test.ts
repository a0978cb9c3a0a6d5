import { describe, expectTypeOf, it } from 'vitest';
import type { SessionWiring } from '../session/login';
import type { UserProfile } from '../../src-shared/profile';
import type { CallDeskOptions } from './call-desk';
import type { OperatorProfile } from './commands/context';
import type { ExtensionMatcher, HintedExtension } from './calls/device-match';
import type { SessionOperator } from './operator';
import type { AmiLink, PbxSessionOptions } from '../session/pbx-session';

/**
 * Tests build the console the way the app does: these types are checked by `npm run typecheck`, so a
 * setting that only a test could pass (such as a list of "handset contexts") cannot come back unnoticed.
 */
describe('the console has no setting that only tests can set', () => {
  it('the call desk takes exactly what the session hands it', () => {
    expectTypeOf<keyof CallDeskOptions>().toEqualTypeOf<
      'ami' | 'store' | 'operator' | 'onProgress' | 'now' | 'recorder'
    >();
    expectTypeOf<CallDeskOptions['operator']>().toEqualTypeOf<SessionOperator>();
  });

  it('the session takes exactly what openSession passes: the wiring, the link, and the profile’s settings', () => {
    expectTypeOf<keyof PbxSessionOptions>().toEqualTypeOf<
      keyof SessionWiring | 'link' | 'operator' | 'historyScope' | 'ownNames'
    >();
    expectTypeOf<PbxSessionOptions['historyScope']>().toEqualTypeOf<UserProfile['history']['scope']>();
    expectTypeOf<PbxSessionOptions['link']>().toEqualTypeOf<AmiLink>();
    expectTypeOf<UserProfile['board']['ownNames']>().toExtend<PbxSessionOptions['ownNames']>();
    expectTypeOf<keyof SessionOperator>().toEqualTypeOf<
      'myDevice' | 'dialContext' | 'parkingLot' | 'recordingPattern' | 'voicemailPattern' | 'dndMethod' | 'listenIn'
    >();
    expectTypeOf<UserProfile>().toExtend<SessionOperator>();
  });

  it('the commands read only the settings the call desk fills in from the profile', () => {
    expectTypeOf<keyof OperatorProfile>().toEqualTypeOf<
      'myDevice' | 'dialContext' | 'parkingLot' | 'recordingPattern' | 'callerId'
    >();
  });

  it('matching channels to tiles needs nothing but the tiles', () => {
    expectTypeOf<ConstructorParameters<typeof ExtensionMatcher>>().toEqualTypeOf<[readonly HintedExtension[]]>();
  });
});
