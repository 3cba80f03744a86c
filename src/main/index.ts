// Electron entry point. Everything lives in the desktop shell (src/main/desktop); this file only
// starts it, and is where the engine and the IPC contract are plugged in.
import { startDesktopApp } from './desktop/app'

startDesktopApp({
  // Integration points, typed by DesktopIntegration in src/main/desktop/app.ts:
  // - createDownloads(context): the engine, e.g.
  //     downloadsFromJobManager(createEngineRuntime({ dataFolder: context.userDataPath }).manager)
  // - registerIpc(context): the contract handlers; each checks context.isTrustedSender(event) first
  // - reconnect() / suspend(): the engine's reaction to the machine waking up or going to sleep
  // - exportNaming(source): the file-name template used by "Export to folder…"
})
