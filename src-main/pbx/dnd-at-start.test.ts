import { afterEach, describe, expect, it } from 'vitest';
import { sessionOnSim, until } from './testing/sim-session';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('DND set before the console connects', () => {
  it("FreePBX's AstDB flag DND/106 from before the PBX started shows DND on 106 at login, 105 not", async () => {
    const { store, close } = await sessionOnSim({ flavour: 'freepbx', astdb: { 'DND/106': 'YES' } });
    cleanups.push(close);
    const tile = (exten: string) => store.get('extensions', `${exten}@internal`);
    await until(() => tile('106') !== undefined);
    expect([tile('106')?.dnd, tile('106')?.lamp]).toEqual([true, 'idle']);
    expect([tile('105')?.dnd, tile('105')?.lamp]).toEqual([false, 'idle']);
  });

  it('a Custom device state kept in AstDB (CustomDevstate/DND107) is restored as Asterisk does at start', async () => {
    const { store, close } = await sessionOnSim({ flavour: 'freepbx', astdb: { 'CustomDevstate/DND107': 'BUSY' } });
    cleanups.push(close);
    await until(() => store.get('extensions', '107@internal') !== undefined);
    expect(store.get('extensions', '107@internal')?.dnd).toBe(true);
  });
});
