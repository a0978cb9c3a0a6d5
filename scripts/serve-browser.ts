// Serves the built console to an ordinary browser on 127.0.0.1, through the same contract bridge
// the e2e uses, for machines where Electron's binary is not installed.
import { resolve } from 'node:path';
import { startBrowserHost } from '../src-main/browser-host';
import { consoleLog } from '../src-main/log';

const portArgument = process.argv.indexOf('--port');
const port = portArgument > 0 ? Number(process.argv[portArgument + 1]) : 0;

const host = await startBrowserHost({ rendererDir: resolve('out/renderer'), log: consoleLog, port });
console.log(`Switchboard is served at ${host.bridge.url}`);
console.log('Open that address (it carries a one-time token) in Chromium. Ctrl+C stops it.');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void host.close().then(() => process.exit(0)));
}
