import { describe, expect, it, vi } from 'vitest';
import { METHOD_CHANNELS } from '../../src-preload/contract';
import { refusal } from '../../src-shared/refusals';
import { emptyPicture } from '../../src-preload/state';
import { createCallHandlers } from './call-handlers';
import { createQueueHandlers } from './queue-handlers';
import { createExtensionHandlers } from './extension-handlers';
import { historyHandlers } from './history-handlers';
import { createGatekeeper, OperatorError, type Handlers, type Sender } from './gatekeeper';

const window: Sender = { id: 'window-1', send: () => {}, onClosed: () => {} };
const quietLog = { warn: vi.fn(), error: vi.fn() };
const unused = () => {
  throw new Error('not called in these tests');
};
const unusedProfileHandlers = {
  'profiles:list': unused,
  'profiles:create': unused,
  'profiles:update': unused,
  'profiles:duplicate': unused,
  'profiles:delete': unused,
  'profiles:saveSecret': unused,
  'profiles:forgetSecret': unused,
  'profiles:export': unused,
  'profiles:import': unused,
} satisfies Partial<Handlers>;
const unusedDirectoryHandlers = {
  'directory:overview': unused,
  'directory:search': unused,
  'directory:lookup': unused,
  'directory:previewCsv': unused,
  'directory:importCsv': unused,
  'directory:importVcard': unused,
  'directory:removeSource': unused,
  'directory:saveLdap': unused,
  'directory:refreshLdap': unused,
} satisfies Partial<Handlers>;

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  const disconnected = { kind: 'disconnected' } as const;
  return {
    'session:connect': () => disconnected,
    'session:disconnect': () => disconnected,
    'session:status': () => disconnected,
    'picture:subscribe': () => ({ version: 0, picture: emptyPicture() }),
    'picture:taken': () => null,
    'desktop:speak': () => null,
    ...createCallHandlers(() => undefined),
    ...createQueueHandlers(() => undefined),
    ...createExtensionHandlers(() => undefined),
    ...historyHandlers(() => undefined),
    ...unusedProfileHandlers,
    ...unusedDirectoryHandlers,
    ...overrides,
  };
}

describe('the gatekeeper', () => {
  it('validates the argument of every method of the contract: junk never reaches a handler', async () => {
    const spies = Object.fromEntries(METHOD_CHANNELS.map((channel) => [channel, vi.fn()])) as Partial<Handlers>;
    const dispatch = createGatekeeper(handlers(spies), quietLog);
    const junk: unknown[] = ['Action: Command\r\nCommand: core stop now', 42, [], { channel: 'PJSIP/100' }];
    for (const channel of METHOD_CHANNELS) {
      for (const argument of junk) {
        const result = await dispatch(channel, argument, window);
        expect(result, `${channel} given ${JSON.stringify(argument)}`).toMatchObject({
          ok: false,
          error: { code: 'invalidArgument' },
        });
      }
    }
    for (const spy of Object.values(spies)) expect(spy).not.toHaveBeenCalled();
  });

  it("codes zod's own checks, for the page to word: a value of the wrong type, missing, not a choice", async () => {
    const dispatch = createGatekeeper(handlers(), quietLog);
    expect(await dispatch('calls:dial', { target: 42 }, window)).toMatchObject({
      ok: false,
      error: {
        message: 'That was not accepted: A value has the wrong type.',
        refusal: refusal('argumentWrongType', {}),
        fieldRefusals: { target: refusal('argumentWrongType', {}) },
      },
    });
    expect(await dispatch('calls:dial', {}, window)).toMatchObject({
      error: { refusal: refusal('argumentMissing', {}) },
    });
    expect(await dispatch('calls:record', { callId: 'c-1', action: 'rewind' }, window)).toMatchObject({
      error: { fieldRefusals: { action: refusal('argumentNotChoice', {}) } },
    });
  });

  it('refuses a message from an unknown sender before running anything', async () => {
    const connect = vi.fn();
    const dispatch = createGatekeeper(handlers({ 'session:connect': connect }), quietLog);
    const result = await dispatch('session:connect', { profileId: 'demo' }, undefined);
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'untrustedSender',
        message: expect.stringContaining('did not come from a Switchboard window'),
        refusal: { reason: 'untrustedSender', values: {} },
      },
    });
    expect(connect).not.toHaveBeenCalled();
  });

  it('refuses a method the contract does not have', async () => {
    const dispatch = createGatekeeper(handlers(), quietLog);
    const result = await dispatch('ami:raw', 'Action: Command', window);
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'unknownMethod',
        message: 'Switchboard has no method called "ami:raw".',
        refusal: { reason: 'unknownMethod', values: { method: '"ami:raw"' } },
      },
    });
  });

  it('refuses a malformed argument in words, naming neither the method nor the field (those go to the log)', async () => {
    const connect = vi.fn();
    const log = { warn: vi.fn(), error: vi.fn() };
    const dispatch = createGatekeeper(handlers({ 'session:connect': connect }), log);
    const result = await dispatch('session:connect', { profileId: '../profiles.json' }, window);
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'invalidArgument',
        message: 'That was not accepted: That is not a profile id issued by Switchboard.',
        // A code the page words; filed under the setting it is about, for the page to show beside that field.
        refusal: refusal('notProfileId', {}),
        fields: { profileId: 'That is not a profile id issued by Switchboard.' },
        fieldRefusals: { profileId: refusal('notProfileId', {}) },
      },
    });
    expect(log.warn).toHaveBeenCalledWith('refused session:connect: invalid profileId');
    expect(connect).not.toHaveBeenCalled();
  });

  it('says a number that cannot be dialled as a reason the page words, and in English beside the field', async () => {
    const dispatch = createGatekeeper(handlers(), quietLog);
    const result = await dispatch('calls:dial', { target: '10 1' }, window);
    const english =
      'That is not a number the console can dial. Use digits, * and # (or an extension’s letters), up to 64.';
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'invalidArgument',
        message: `That was not accepted: ${english}`,
        refusal: { reason: 'notDialTarget', values: {} },
        fields: { target: english },
        fieldRefusals: { target: { reason: 'notDialTarget', values: {} } },
      },
    });
  });

  it('names the text and its limit when a directory search is too long, for the page to word', async () => {
    const dispatch = createGatekeeper(handlers(), quietLog);
    const result = await dispatch('directory:search', { query: 'x'.repeat(101) }, window);
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'invalidArgument',
        message: "That was not accepted: A search can't be longer than 100 characters.",
        refusal: { reason: 'textTooLong', values: { field: 'search', max: 100 } },
      },
    });
  });

  it("files a profile edit's refusal under the setting edited, in plain words", async () => {
    const dispatch = createGatekeeper(handlers(), quietLog);
    const result = await dispatch(
      'profiles:update',
      { id: '6f1c3a52-2f7e-4d0b-9a51-6a3e2b1c0d9e', changes: { myDevice: 'my desk phone' } },
      window,
    );
    expect(result.ok).toBe(false);
    const error = result.ok ? undefined : result.error;
    expect(error?.fields).toEqual({ myDevice: expect.stringMatching(/^Write your phone as the PBX names it/) });
    // The same problem as a code, for the page to word in the operator's language.
    expect(error?.fieldRefusals).toEqual({ myDevice: refusal('deviceNotPhone', { local: 'Local/200@phones' }) });
    expect(error?.refusal).toEqual(refusal('deviceNotPhone', { local: 'Local/200@phones' }));
    expect(error?.message).not.toMatch(/profiles:|invalid argument|changes\./);
  });

  it('refuses a username carrying an AMI header injection', async () => {
    const create = vi.fn();
    const dispatch = createGatekeeper(handlers({ 'profiles:create': create }), quietLog);
    const result = await dispatch(
      'profiles:create',
      { displayName: 'Desk', host: 'pbx', username: 'op\r\nAction: Command' },
      window,
    );
    expect(create).not.toHaveBeenCalled();
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'invalidArgument', message: expect.stringContaining('line breaks') },
    });
  });

  it('never echoes a refused secret back in its error', async () => {
    const dispatch = createGatekeeper(handlers(), quietLog);
    const secret = 'hunter2\nAction: Originate';
    const result = await dispatch('session:connect', { profileId: 'demo', secret }, window);
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain('hunter2');
  });

  it('passes the validated argument and the sender to the handler and wraps its value', async () => {
    const connect = vi.fn(() => ({ kind: 'connecting', target: 'Demo PBX', profileId: 'demo', attempt: 1 }) as const);
    const dispatch = createGatekeeper(handlers({ 'session:connect': connect }), quietLog);
    const result = await dispatch('session:connect', { profileId: 'demo' }, window);
    expect(connect).toHaveBeenCalledWith({ profileId: 'demo' }, window);
    expect(result).toEqual({
      ok: true,
      value: { kind: 'connecting', target: 'Demo PBX', profileId: 'demo', attempt: 1 },
    });
  });

  it("turns an operator error into the operator's message, and anything else into a safe one", async () => {
    const dispatch = createGatekeeper(
      handlers({
        'session:status': () => {
          throw new OperatorError('notConnected', 'You are not connected to a PBX.');
        },
        'session:disconnect': () => {
          throw new Error('internal detail with secret=abc');
        },
      }),
      quietLog,
    );
    expect(await dispatch('session:status', undefined, window)).toEqual({
      ok: false,
      error: { code: 'notConnected', message: 'You are not connected to a PBX.' },
    });
    const unexpected = await dispatch('session:disconnect', undefined, window);
    expect(unexpected).toMatchObject({
      ok: false,
      error: { code: 'internal', refusal: { reason: 'internalFault', values: {} } },
    });
    expect(JSON.stringify(unexpected)).not.toContain('secret=abc');
  });
});
