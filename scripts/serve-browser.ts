// Serves the built console to an ordinary browser on 127.0.0.1, through the same contract bridge
// the e2e uses, for machines where Electron's binary is not installed.
//   --port <n>          the port (default: any free one)
//   --user-data <dir>   where profiles.json lives (default: a fresh temporary folder)
//   --profile <name>    log in with that profile at start, with its saved secret
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startBrowserHost } from '../src-main/browser-host';
import { consoleLog } from '../src-main/log';
import { KeytarVault } from '../src-main/profiles/vault';

const option = (name: string) => {
  const index = process.argv.indexOf(name);
  return index > 0 ? process.argv[index + 1] : undefined;
};

const port = Number(option('--port') ?? 0);
const userDataDir = resolve(option('--user-data') ?? (await mkdtemp(join(tmpdir(), 'switchboard-browser-'))));

const host = await startBrowserHost({
  rendererDir: resolve('out/renderer'),
  log: consoleLog,
  port,
  services: { userDataDir, vault: new KeytarVault() },
});
await host.services.loginAtLaunch(process.argv);
console.log(`Profiles are kept in ${userDataDir}`);
console.log(`Switchboard is served at ${host.bridge.url}`);
console.log('Open that address (it carries a one-time token) in Chromium. Ctrl+C stops it.');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void host.close().then(() => process.exit(0)));
}
