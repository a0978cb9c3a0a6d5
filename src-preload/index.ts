import { contextBridge, ipcRenderer } from 'electron';
import type { IpcResult } from './contract';
import { buildSwitchboardApi } from './api';

const api = buildSwitchboardApi({
  invoke: (channel, args) => ipcRenderer.invoke(channel, args) as Promise<IpcResult<unknown>>,
  subscribe(channel, listener) {
    // The IPC event object (with its sender) never reaches the page: only the payload does.
    const forward = (_event: Electron.IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, forward);
    return () => {
      ipcRenderer.off(channel, forward);
    };
  },
});

contextBridge.exposeInMainWorld('switchboard', api);
