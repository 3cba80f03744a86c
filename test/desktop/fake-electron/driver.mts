// Runs the real composition root (src/main/desktop/app.ts) against the fake Electron module and
// a manual clock, drives one user story through it, and prints the fake's call log as JSON.
// Started by test/desktop/composition.test.ts as:
//   node --import ./hook.mjs --import tsx driver.mts <profile directory>
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import type { JobSnapshot } from '../../../src/shared/jobs'
import { createDefaultSettings } from '../../../src/shared/settings'
import { openDatabase } from '../../../src/main/database/connection'
import { SettingsRepository } from '../../../src/main/database/settings-repository'
import { silentLogger } from '../../../src/main/common/logger'
import { createFileKeySecretBox } from '../../../src/main/runtime/secret-box'
import { EventHub } from '../../../src/main/services/event-hub'
import { SettingsService } from '../../../src/main/services/settings-service'
import { appSettingsOf } from '../../../src/main/desktop/app-settings'
import { startDesktopApp } from '../../../src/main/desktop/app'
import type { IpcContext } from '../../../src/main/desktop/shell-contract'
import type { DownloadsChange, DownloadsFacade } from '../../../src/main/desktop/downloads'
import { FakeScheduler } from '../../main/desktop/fakes/scheduler'

interface FakeElectron {
  log: string[]
  app: { exited: boolean }
  powerMonitor: { emit(event: string): void }
  dialog: {
    answers: number[]
    showOpenDialog(...args: unknown[]): Promise<{
      canceled: boolean
      filePaths: string[]
    }>
  }
  tray: { click(label: string): void } | null
  windows(): { close(): void; isVisible(): boolean }[]
}

const profile = process.argv[2]
if (!profile) throw new Error('usage: driver.mts <profile directory>')
process.argv.push(`--user-data-dir=${profile}`)
const fake = (globalThis as unknown as { fakeElectron: FakeElectron }).fakeElectron
const step = (name: string): void => void fake.log.push(`-- ${name}`)
/** Lets promise chains and setImmediate callbacks run; no wall-clock waiting. */
async function settle(): Promise<void> {
  for (let round = 0; round < 20; round++) await new Promise((resolve) => setImmediate(resolve))
}

const job: JobSnapshot = {
  id: 1,
  batchId: null,
  state: 'downloading',
  source: { kind: 'url', url: 'https://cdn.example.com/master.mov' },
  label: 'master.mov',
  directory: '/downloads',
  fileName: 'Show/master.mov',
  totalBytes: 1000,
  doneBytes: 100,
  connections: 8,
  priority: 0,
  position: 1,
  attempts: 0,
  error: null,
  nextAttemptAt: null,
  createdAt: 0,
  updatedAt: 0,
  completedAt: null,
}
const listeners = new Set<(change: DownloadsChange) => void>()
const emit = (change: DownloadsChange): void => {
  for (const listener of listeners) listener(change)
}
const scheduler = new FakeScheduler()

let ipc: IpcContext | undefined

// The app settings in a real SQLite file of the profile, as the integration keeps them.
const hub = new EventHub()
const settingsService = new SettingsService({
  store: new SettingsRepository(openDatabase(path.join(profile, 'settings.db'))),
  defaults: createDefaultSettings('/downloads'),
  engine: { updateSettings: () => undefined },
  events: hub.emit,
  secretBox: createFileKeySecretBox(profile),
  tokenKey: 'hlsToken',
  log: silentLogger,
})
const appSettings = appSettingsOf(settingsService, hub)

const engine: DownloadsFacade = {
  list: () => [job],
  pauseAll: () => void fake.log.push('engine.pauseAll'),
  resumeAll: () => void fake.log.push('engine.resumeAll'),
  shutdown: () => {
    fake.log.push('engine.shutdown')
    emit({ kind: 'state', snapshot: { ...job, state: 'queued' } })
    return Promise.resolve()
  },
  onChange: (listener) => {
    listeners.add(listener)
    return { dispose: () => listeners.delete(listener) }
  },
}

startDesktopApp({
  scheduler,
  createDownloads: (context) => {
    fake.log.push(`engine.context ${Object.keys(context).sort().join(' ')}`)
    const sealed = context.secretBox.encrypt('secret')
    fake.log.push(`engine.secretBox ${context.secretBox.description} ${sealed.toString()}`)
    return engine
  },
  appSettings: () => appSettings,
  reconnect: () => void fake.log.push('engine.reconnect'),
  registerIpc: (context) => {
    ipc = context
    fake.log.push('ipc.register')
    return { dispose: () => void fake.log.push('ipc.dispose') }
  },
  log: (message) => void fake.log.push(`log ${message}`),
})
await settle()

step('bytes move')
emit({
  kind: 'progress',
  progress: [
    {
      id: 1,
      doneBytes: 500,
      totalBytes: 1000,
      speed: 3_000_000,
      etaSeconds: 1,
      activeConnections: 8,
    },
  ],
})
scheduler.advance(1_000)

step('close the window')
fake.windows()[0]?.close()
fake.log.push(`visible ${String(fake.windows()[0]?.isVisible())}`)

step('wake from sleep')
fake.powerMonitor.emit('resume')

step('job completes')
emit({ kind: 'state', snapshot: { ...job, state: 'completed', doneBytes: 1000, completedAt: 1 } })
scheduler.advance(2_000)

step('show from the tray')
fake.tray?.click('Show VOD Downloader')

step('open a program, then a clip')
fake.dialog.answers.push(1)
fake.log.push(`opened ${String(await ipc?.services.openFile('/downloads/Show/setup.exe'))}`)
fake.log.push(`opened ${String(await ipc?.services.openFile('/downloads/Show/master.mov'))}`)

step('drop a folder')
const folders = ipc?.services.targetFolders
fake.log.push(`may write ${JSON.stringify(folders?.check(profile))}`)
fake.dialog.answers.push(1)
fake.log.push(`dropped ${JSON.stringify(await ipc?.services.setDownloadFolder([profile]))}`)
fake.dialog.answers.push(0)
fake.log.push(`dropped ${JSON.stringify(await ipc?.services.setDownloadFolder([profile]))}`)
fake.log.push(`may write ${JSON.stringify(folders?.check(profile))}`)
fake.log.push(`may write ${JSON.stringify(folders?.check('/etc'))}`)

step('choose a folder')
// Outside the download folder, so only the picker can make it a place to write.
const backups = path.join(`${profile}-backups`, 'Backups')
mkdirSync(backups, { recursive: true })
fake.dialog.showOpenDialog = (...args) => {
  const options = args.at(-1) as { defaultPath?: string }
  fake.log.push(`picker ${options.defaultPath ?? ''}`)
  return Promise.resolve({ canceled: false, filePaths: [backups] })
}
fake.log.push(`may write ${JSON.stringify(folders?.check(backups))}`)
fake.log.push(`chosen ${JSON.stringify(await ipc?.services.chooseFolder('/media/start'))}`)
fake.log.push(`may write ${JSON.stringify(folders?.check(backups))}`)
fake.log.push(`download folder ${appSettings.current().downloadDirectory}`)

step('another job runs, quit from the tray')
emit({ kind: 'state', snapshot: { ...job, state: 'downloading' } })
fake.dialog.answers.push(0)
fake.tray?.click('Quit VOD Downloader')
await settle()

console.log(`LOG:${JSON.stringify(fake.log)}`)
