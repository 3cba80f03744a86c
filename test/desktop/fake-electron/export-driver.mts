// Runs the real composition root (src/main/desktop/app.ts) on the real engine (SQLite in the
// profile directory) against the fake Electron module, and drives "Export to folder…" with a move
// followed by "Remove with files". Prints what it saw as JSON on a `LOG:` line.
// Started by test/desktop/export-move.test.ts as:
//   node --import ./hook.mjs --import tsx export-driver.mts <profile directory>
import { existsSync, promises as fs } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { startDesktopApp } from '../../../src/main/desktop/app'
import type { IpcContext } from '../../../src/main/desktop/shell-contract'
import { downloadsFromJobManager } from '../../../src/main/desktop/downloads'
import { createEngineRuntime } from '../../../src/main/runtime/engine-runtime'
import { DownloadsService } from '../../../src/main/services/downloads-service'
import type { VodClient } from '../../../src/main/vod/client'
import { createDefaultSettings } from '../../../src/shared/settings'
import type { JobSnapshot, JobState } from '../../../src/shared/jobs'
import { FakeScheduler } from '../../main/desktop/fakes/scheduler'

const profile = process.argv[2]
if (!profile) throw new Error('usage: export-driver.mts <profile directory>')
process.argv.push(`--user-data-dir=${path.join(profile, 'user-data')}`)
const downloads = path.join(profile, 'downloads')
const exportFolder = path.join(profile, 'export')
const log: string[] = []

let body = 'first download'
const server = createServer((_request, response) => {
  response.writeHead(200, { 'Content-Type': 'video/mp4', 'Content-Length': body.length })
  response.end(body)
})
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/clip.mp4`

const runtime = createEngineRuntime({
  dataFolder: path.join(profile, 'data'),
  settings: { diskReserveBytes: 0 },
})
runtime.manager.start()
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined }
const service = new DownloadsService({
  client: {} as VodClient,
  engine: runtime.manager,
  settings: () => createDefaultSettings(downloads),
  log: quiet,
})

function settled(id: number, states: readonly JobState[]): Promise<JobSnapshot> {
  return new Promise((resolve) => {
    const check = (): boolean => {
      const job = runtime.manager.get(id)
      if (!job || !states.includes(job.state)) return false
      resolve(job)
      return true
    }
    if (check()) return
    const subscription = runtime.manager.events.on('state', () => {
      if (check()) subscription.dispose()
    })
  })
}

async function download(): Promise<JobSnapshot> {
  const job = runtime.manager.add({
    source: { kind: 'url', url },
    directory: downloads,
    fileName: 'Show/clip.mp4',
  })
  return settled(job.id, ['completed', 'failed'])
}

let ipc: IpcContext | undefined
startDesktopApp({
  scheduler: new FakeScheduler(),
  createDownloads: () => downloadsFromJobManager(runtime.manager),
  registerIpc: (context) => {
    ipc = context
    return { dispose: () => undefined }
  },
  log: (message, error) =>
    void log.push(`log ${message} ${error instanceof Error ? error.message : ''}`),
})
for (let round = 0; round < 20 && !ipc; round++)
  await new Promise((resolve) => setImmediate(resolve))
if (!ipc) throw new Error('the shell did not register IPC')

const first = await download()
log.push(
  `first ${first.state} ${path.relative(profile, path.join(first.directory, first.fileName))}`,
)

ipc.services.targetFolders.grant(exportFolder)
const summary = await ipc.services.exportJobs({
  jobIds: [first.id],
  mode: 'move',
  destination: exportFolder,
})
log.push(`exported ${'transferred' in summary ? summary.transferred.length : 'canceled'}`)
const moved = runtime.manager.get(first.id)!
log.push(`recorded ${path.relative(profile, moved.directory)} ${moved.fileName}`)
const stored = runtime.jobs.get(first.id)!
log.push(`stored ${path.relative(profile, stored.directory)} ${stored.fileName}`)

// A later download takes the old name, which is free again.
body = 'second download'
const second = await download()
log.push(
  `second ${second.state} ${path.relative(profile, path.join(second.directory, second.fileName))}`,
)

await service.remove([first.id], true)
const oldPlace = path.join(downloads, 'Show', 'clip.mp4')
const newPlace = path.join(exportFolder, 'Show', 'clip.mp4')
log.push(`old place ${existsSync(oldPlace) ? await fs.readFile(oldPlace, 'utf8') : 'gone'}`)
log.push(`new place ${existsSync(newPlace) ? await fs.readFile(newPlace, 'utf8') : 'gone'}`)

console.log(`LOG:${JSON.stringify(log)}`)
await runtime.close()
server.close()
process.exit(0)
