import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { effectScope, ref } from 'vue';
import { startSimulatedPbx, type SimulatedPbx } from '../../src-main/sim';
import { logInAsOperator } from '../testing/operator-in-node';
import { openPageInNode, type PageInNode } from '../testing/page-in-node';
import { useDirectorySearch } from './directory-search';

let page: PageInNode;
let pbx: SimulatedPbx;
const stops: Array<() => void> = [];

beforeEach(async () => {
  setActivePinia(createPinia());
  page = await openPageInNode();
  pbx = await startSimulatedPbx({ port: 0 });
});
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) stop();
  await page.close();
  await pbx.close();
});

describe('the dial box’s suggestions', () => {
  it('show the PBX’s users for a name typed before the phonebook knew them, once main says it changed', async () => {
    const scope = effectScope();
    stops.push(() => scope.stop());
    const query = ref('');
    const found = scope.run(() => useDirectorySearch(query))!;
    query.value = 'fisch';
    // Asked at once, before the login: the phonebook has no one yet.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(found.entries.value).toEqual([]);

    stops.push(await logInAsOperator(pbx));
    await expect
      .poll(() => found.entries.value.map((entry) => entry.name), { timeout: 5_000 })
      .toEqual(['Emma Fischer']);
  });
});
