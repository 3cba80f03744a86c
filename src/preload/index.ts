// The sandboxed preload: exposes exactly one narrow object, `window.api`, typed from the IPC
// contract. No raw ipcRenderer and no Electron event objects ever reach the renderer.
import { contextBridge, ipcRenderer, webUtils } from 'electron'
import type { IpcRendererEvent } from 'electron'
import type {
  BridgeApi,
  EventMessage,
  EventName,
  EventPayload,
  RequestName,
  Result,
} from '../shared/contract'
import { wire } from '../shared/wire'

const api: BridgeApi & { pathForFile(file: File): string } = {
  request<Name extends RequestName>(name: Name, input: unknown): Promise<Result<never>> {
    if (name === 'files.startDrag') {
      // A native drag must start while the renderer's dragstart is being handled, so this one is
      // a plain message rather than an awaited request (Electron's drag-out recipe); main
      // validates the ids like any other input.
      ipcRenderer.send(wire.ipcStartDragChannel, input)
      return Promise.resolve({ ok: true, value: null as never })
    }
    return ipcRenderer.invoke(wire.ipcRequestChannel, name, input) as Promise<Result<never>>
  },
  subscribe<Name extends EventName>(event: Name, listener: (payload: EventPayload<Name>) => void) {
    const handler = (_event: IpcRendererEvent, message: EventMessage): void => {
      if (message.event === event) listener(message.payload as EventPayload<Name>)
    }
    ipcRenderer.on(wire.ipcEventChannel, handler)
    return () => {
      ipcRenderer.off(wire.ipcEventChannel, handler)
    }
  },
  /** The path of a file or folder dropped onto the window (to set the download folder). */
  pathForFile(file: File): string {
    return webUtils.getPathForFile(file)
  },
}

contextBridge.exposeInMainWorld('api', api)
