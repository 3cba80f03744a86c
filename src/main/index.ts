// Electron entry point: the desktop shell (src/main/desktop) with the shared app runtime
// plugged in (engine, VOD services and the IPC contract's handlers).
// First: widens the file system thread pool before anything starts it.
import './runtime/thread-pool'
import { startDesktopApp } from './desktop/app'
import { createDesktopIntegration } from './desktop/integration'
import { redactingLogger } from './common/logger'

// Every console line passes the one redactor (the diagnostic log redacts its own lines).
startDesktopApp(
  createDesktopIntegration(
    redactingLogger({
      info: (message) => console.log(message),
      warn: (message) => console.warn(message),
      error: (message) => console.error(message),
    }),
  ),
)
