/**
 * Wire constants both bridges and the renderer agree on. A module of its own so the sandboxed
 * preload can use them without bundling the whole contract (and zod).
 */
export const wire = {
  /** Electron IPC channel for requests (`ipcRenderer.invoke(channel, name, input)`). */
  ipcRequestChannel: 'api:request',
  /** Electron IPC channel for events (`webContents.send(channel, { event, payload })`). */
  ipcEventChannel: 'api:event',
  /**
   * Electron IPC channel for starting a native drag of finished files. A plain `send`, not an
   * awaited request: the drag must start while the renderer's dragstart is being handled.
   */
  ipcStartDragChannel: 'api:start-drag',
  /** HTTP: POST `${apiPathPrefix}<name>` with `Authorization: Bearer <token>` and `{ input }`. */
  apiPathPrefix: '/api/',
  /** WebSocket path; the token goes in the `token` query parameter. */
  eventsPath: '/events',
} as const
