/// <reference types="vite/client" />
import type { SwitchboardApi } from '../src-preload/contract';

declare global {
  interface Window {
    /** Provided by the preload (Electron) or by the loopback bridge (browser). */
    switchboard?: SwitchboardApi;
  }
}

declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}
