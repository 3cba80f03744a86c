// Runs the desktop integration (src/main/desktop/integration.ts) the way `--demo` starts it, in a
// child Node process where `electron` is the fake next to this file: the engine context names a
// demo, and the requests the window would make go through the IPC handler it registers.
// Prints `RESULT:` and the answers as JSON.
import path from 'node:path'
import { wire } from '../../../src/shared/wire'
import { createDesktopIntegration } from '../../../src/main/desktop/integration'
import type { IpcContext } from '../../../src/main/desktop/shell-contract'
import { JsonSettingsStore } from '../../../src/main/desktop/io/settings-file'
import { readJsonFile, writeJsonFile } from '../../../src/main/desktop/io/json-file'
import { TargetFolderStore } from '../../../src/main/desktop/target-folder-store'

interface FakeElectron {
  ipcMain: { handlers: Map<string, (event: unknown, name: string, input: unknown) => unknown> }
}
const fake = (globalThis as unknown as { fakeElectron: FakeElectron }).fakeElectron

const [profile, downloads] = process.argv.slice(2) as [string, string]
const lines: string[] = []
const integration = createDesktopIntegration({
  info: (message) => lines.push(message),
  warn: (message) => lines.push(`warn ${message}`),
  error: (message) => lines.push(`error ${message}`),
})
const settingsFile = path.join(profile, 'desktop-settings.json')
// desktop-settings.json as an earlier version left it: one app setting mirrored beside the shell's.
writeJsonFile(settingsFile, { notifications: 'none', closeToTrayHintShown: true })
const settings = new JsonSettingsStore(settingsFile)
// A keychain that refuses, as on a Linux session without one: the demo must not need it.
const secretBox = {
  description: 'no keychain',
  encrypt: () => {
    throw new Error('no keychain')
  },
  decrypt: () => {
    throw new Error('no keychain')
  },
}
await integration.createDownloads?.({
  userDataPath: profile,
  settings,
  secretBox,
  downloadFolder: () => '/downloads',
  language: () => 'en',
  demo: { downloadFolder: downloads, mediaDirectory: path.resolve('resources', 'emulator') },
})
const targetFolders = new TargetFolderStore({
  platform: process.platform,
  configured: () => downloads,
})
const registration = integration.registerIpc?.({
  isTrustedSender: () => true,
  services: {
    targetFolders,
    // A development build: the shell's updater says so.
    updates: {
      status: () => ({ state: 'unavailable', reason: 'development' }),
      restartNow: () => Promise.resolve('nothing-to-install'),
      onChange: () => ({ dispose: () => undefined }),
    },
  } as unknown as IpcContext['services'],
  mainWindow: () => null,
  monitor: {} as IpcContext['monitor'],
})
const handle = fake.ipcMain.handlers.get(wire.ipcRequestChannel)
if (!handle) throw new Error('no IPC handler registered')
const request = (name: string, input: unknown = {}): unknown => handle({}, name, input)
const result = {
  updates: await request('app.updateStatus'),
  account: await request('account.get'),
  settings: await request('settings.get'),
  library: await request('library.search', { mediaType: 'video', pageSize: 5 }),
  // The Settings screen's update switch and channel reach the settings the shell's updater reads.
  updateSettings: await request('settings.update', { autoUpdate: false, updateChannel: 'beta' }),
  shellSettings: integration.appSettings?.().current(),
  shellFile: readJsonFile(settingsFile),
  log: lines,
}
registration?.dispose()
console.log(`RESULT:${JSON.stringify(result)}`)
process.exit(0)
