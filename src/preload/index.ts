// The sandboxed preload exposes one narrow, typed `window.api` (filled in with the IPC contract).
export {}
