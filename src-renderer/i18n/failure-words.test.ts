import { describe, expect, it } from 'vitest';
import { failureWords } from './failure-words';

const where = 'pbx.example.com:5038';
const says = (code: Parameters<typeof failureWords>[1]['code'], detail?: string) =>
  failureWords(where, { code, message: 'main’s English', ...(detail === undefined ? {} : { detail }) });

describe('why a session is down, in the operator’s words', () => {
  it('puts the PBX’s own words beside a refusal, a TLS error or a protocol error, and nothing when there are none', () => {
    expect(says('authFailed', 'Authentication failed')).toBe(
      `The PBX at ${where} refused the user name or password (Authentication failed).`,
    );
    expect(says('authFailed')).toBe(`The PBX at ${where} refused the user name or password.`);
    expect(says('tls', 'self-signed certificate')).toBe(
      `The secure connection to the PBX at ${where} could not be trusted (self-signed certificate).`,
    );
    expect(says('protocol')).toBe(`The PBX at ${where} sent something this console does not understand.`);
  });

  it('says why the PBX cannot be reached in plain words, and an unknown OS code as it came', () => {
    expect(says('unreachable', 'ENOTFOUND')).toBe(
      `The PBX at ${where} cannot be reached from this computer (no computer of that name is known).`,
    );
    expect(says('unreachable', 'ECONNRESET')).toBe(
      `The PBX at ${where} cannot be reached from this computer (ECONNRESET).`,
    );
    expect(says('unreachable', 'toString')).toBe(
      `The PBX at ${where} cannot be reached from this computer (toString).`,
    );
  });

  it('quotes the greeting of a server that is not AMI, and tells a restart from a shutdown', () => {
    expect(says('notAmi', 'SSH-2.0-OpenSSH_9.6')).toBe(
      `The server at ${where} is not an Asterisk manager interface (it greeted with "SSH-2.0-OpenSSH_9.6").`,
    );
    expect(says('shutdown', 'restart')).toBe(`The PBX at ${where} is restarting.`);
    expect(says('shutdown')).toBe(`The PBX at ${where} is shutting down.`);
    expect(says('timeout', 'ignored')).toBe(`The PBX at ${where} did not answer in time.`);
  });
});
