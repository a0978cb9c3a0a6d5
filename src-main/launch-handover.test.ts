import { describe, expect, it } from 'vitest';
import { followSecondLaunch, handoverFor } from './launch-handover';
import { readProfileArgument } from './profiles/launch-args';

function firstInstance() {
  const calls: string[] = [];
  const followed: (readonly string[])[] = [];
  return {
    calls,
    followed,
    deps: {
      focus: () => calls.push('focus'),
      loginAtLaunch: async (argv: readonly string[]) => {
        calls.push('loginAtLaunch');
        followed.push(argv);
      },
    },
  };
}

describe('a second launch while Switchboard runs', () => {
  it("brings the first window to the front, then follows the second launch's --profile", async () => {
    const secondArgv = ['/opt/Switchboard/switchboard', '--profile', 'Night shift'];
    // Electron hands the data over through the OS; what arrives is a structured copy.
    const data = structuredClone(handoverFor(secondArgv));
    const first = firstInstance();
    await followSecondLaunch(data, ['/opt/Switchboard/switchboard', '--no-sandbox', '--profile'], first.deps);
    expect(first.calls).toEqual(['focus', 'loginAtLaunch']);
    expect(readProfileArgument(first.followed[0]!)).toEqual({ kind: 'given', name: 'Night shift' });
  });

  it('only brings the window to the front when the second launch names no profile', async () => {
    const first = firstInstance();
    await followSecondLaunch(handoverFor(['/opt/Switchboard/switchboard']), [], first.deps);
    expect(first.calls).toEqual(['focus', 'loginAtLaunch']);
    expect(readProfileArgument(first.followed[0]!)).toEqual({ kind: 'absent' });
  });

  it("falls back to Electron's forwarded argv when the data is not a Switchboard hand-over", async () => {
    for (const data of [undefined, {}, { kind: 'switchboard-launch', argv: 'x' }, { kind: 'other', argv: [] }]) {
      const first = firstInstance();
      await followSecondLaunch(data, ['switchboard', '--profile=Front desk'], first.deps);
      expect(readProfileArgument(first.followed[0]!), JSON.stringify(data)).toEqual({
        kind: 'given',
        name: 'Front desk',
      });
    }
    const oversized = { kind: 'switchboard-launch', argv: Array.from({ length: 1000 }, () => '--profile') };
    const first = firstInstance();
    await followSecondLaunch(oversized, ['switchboard'], first.deps);
    expect(first.followed).toEqual([['switchboard']]);
  });
});
