/// <reference types="vite/client" />
import type { SwitchboardApi } from '../src-preload/contract';

declare global {
  interface Window {
    /** Provided by the preload (Electron) or by the loopback bridge (browser). */
    switchboard?: SwitchboardApi;
  }
}
