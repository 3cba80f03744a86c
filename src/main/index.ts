// Electron entry point. The desktop shell is built in src/main/desktop; this file only starts it.
import { app } from 'electron'

app.whenReady().then(
  () => undefined,
  (error: unknown) => {
    console.error(error)
    app.exit(1)
  },
)
