import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, symlinkSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { databasePath } from '../../../src/main/runtime/engine-runtime'
import { startFixtureServer, type FixtureServer } from '../../support/fixture-server'
import { createTestEngine, sha256File, type TestEngine } from '../../support/engine-harness'
import { newUrlJob } from '../../support/job-records'

// Several processes share one job database (the app and vod-dl commands). These tests play the
// other process with rows written the way it would, or with a second engine on the same folder.

let server: FixtureServer | undefined
const engines: TestEngine[] = []

afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.cleanup()
  await server?.close()
  server = undefined
})

async function engine(options: Parameters<typeof createTestEngine>[0] = {}): Promise<TestEngine> {
  const created = await createTestEngine(options)
  engines.push(created)
  return created
}

/** The pid of a process that has exited (a `vod-dl` that was killed). */
function deadPid(): number {
  const finished = spawnSync(process.execPath, ['-e', ''])
  return finished.pid
}

async function waitFor(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

describe('JobManager with other processes on its database', () => {
  it('takes over, with its bytes, a job whose process was killed while downloading it', async () => {
    server = await startFixtureServer([{ path: '/orphan.bin', size: 3 * 1024 * 1024 }])
    const test = await engine()
    const job = test.manager.add({
      source: { kind: 'url', url: server.url('/orphan.bin') },
      directory: test.directory,
    })
    test.jobs.update(job.id, {
      state: 'downloading',
      owner: 'killed-process',
      ownerPid: deadPid(),
      ownerHost: (await import('node:os')).hostname(),
      ownerUntil: Date.now() + 60_000,
    })
    test.manager.start()
    const done = await test.waitForState(job.id, ['completed', 'failed'])
    expect(done.state).toBe('completed')
    expect(test.logLines.some((line) => line.includes('its process ended'))).toBe(true)
    expect(await sha256File(join(test.directory, 'orphan.bin'))).toBe(
      server.file('/orphan.bin').sha256,
    )
  })

  it('takes over a retry that the process which scheduled it will never fire', async () => {
    server = await startFixtureServer([{ path: '/retry.bin', size: 1000 }])
    const test = await engine()
    test.manager.start()
    // Written by a process that set a retry timer and was then killed, while this one runs.
    const job = test.jobs.insert(
      newUrlJob(test.directory, {
        state: 'retrying',
        source: { kind: 'url', url: server.url('/retry.bin') },
        createdAt: Date.now(),
      }),
    )
    test.jobs.update(job.id, { nextAttemptAt: Date.now() - 10_000 })
    await waitFor(() => test.manager.get(job.id)?.state === 'completed')
  })

  it('leaves a job another live process runs alone, and a command waits until that process finishes it', async () => {
    server = await startFixtureServer([{ path: '/held.bin', size: 1000 }])
    const test = await engine()
    const job = test.manager.add({
      source: { kind: 'url', url: server.url('/held.bin') },
      directory: test.directory,
    })
    test.jobs.update(job.id, {
      state: 'downloading',
      owner: 'the-app',
      ownerPid: process.ppid,
      ownerHost: (await import('node:os')).hostname(),
      ownerUntil: Date.now() + 60_000,
    })
    test.manager.start({ only: [job.id] })
    let idle = false
    void test.manager.waitForIdle().then(() => (idle = true))
    await new Promise((resolve) => setTimeout(resolve, 2_500))
    expect(idle).toBe(false)
    expect(server.log).toHaveLength(0)
    // The other process finishes the job.
    test.jobs.update(job.id, {
      state: 'completed',
      owner: null,
      ownerPid: null,
      ownerUntil: null,
      updatedAt: Date.now() + 1,
    })
    await waitFor(() => idle, 5_000)
    expect(test.states.get(job.id)?.at(-1)).toBe('completed')
  })

  it('keeps scheduling after the database stayed locked by another process past the busy timeout', async () => {
    server = await startFixtureServer(
      Array.from({ length: 3 }, (_, index) => ({ path: `/locked-${index}.bin`, size: 4096 })),
    )
    const test = await engine()
    const ids = [0, 1, 2].map(
      (index) =>
        test.manager.add({
          source: { kind: 'url', url: server?.url(`/locked-${index}.bin`) ?? '' },
          directory: test.directory,
        }).id,
    )
    // Waiting inside SQLite blocks the event loop; a short timeout makes the failure quick.
    test.database.pragma('busy_timeout = 50')
    const other = new Database(databasePath(test.dataFolder))
    other.exec('BEGIN IMMEDIATE')
    test.manager.start()
    await new Promise((resolve) => setTimeout(resolve, 1_500))
    expect(ids.map((id) => test.manager.get(id)?.state)).toEqual(['queued', 'queued', 'queued'])
    expect(test.logLines.some((line) => line.includes('job database'))).toBe(true)
    other.exec('COMMIT')
    other.close()
    for (const id of ids) {
      expect((await test.waitForState(id, ['completed', 'failed'])).state).toBe('completed')
    }
  })

  it('never lets two processes downloading into one folder share a name or a part file', async () => {
    // Different content behind the same file name: a shared part file would mix them.
    const files = ['one', 'two'].flatMap((folder) => [
      { path: `/${folder}/clip.bin`, size: 2 * 1024 * 1024 + 17 },
      { path: `/${folder}/note.txt`, size: 300 + folder.length },
    ])
    server = await startFixtureServer(files)
    const first = await engine()
    // A second engine on the same data folder and download folder: another process's engine.
    const second = await engine({ dataFolder: first.dataFolder, directory: first.directory })
    const jobs = [
      { test: first, folder: 'one' },
      { test: second, folder: 'two' },
    ].flatMap(({ test, folder }) =>
      [1, 2, 3].flatMap(() =>
        ['clip.bin', 'note.txt'].map((name) => {
          const path = `/${folder}/${name}`
          const source = { kind: 'url' as const, url: server?.url(path) ?? '' }
          return { test, path, id: test.manager.add({ source, directory: first.directory }).id }
        }),
      ),
    )
    // Each runs its own jobs, as two commands do, so both probe the same names at once.
    for (const test of [first, second]) {
      test.manager.start({ only: jobs.filter((job) => job.test === test).map((job) => job.id) })
    }
    const names = new Set<string>()
    for (const { test, id, path } of jobs) {
      await waitFor(() => ['completed', 'failed'].includes(test.manager.get(id)?.state ?? ''))
      const done = test.manager.get(id)
      if (!done) throw new Error(`job ${id} vanished`)
      expect(done.state).toBe('completed')
      names.add(done.fileName)
      expect(await sha256File(join(first.directory, done.fileName))).toBe(server.file(path).sha256)
    }
    expect(names.size).toBe(jobs.length)
    const left = readdirSync(first.directory)
    expect(left.filter((name) => name.endsWith('.part'))).toEqual([])
    expect(left).toHaveLength(jobs.length)
    expect(existsSync(join(first.directory, 'clip.bin'))).toBe(true)
  })

  it('claims a small file name on disk for the whole download, where another process sees it', async () => {
    server = await startFixtureServer([
      { path: '/slow/cover.jpg', size: 5_000, faults: { bytesPerSecondPerConnection: 2_000 } },
    ])
    const test = await engine()
    const job = test.manager.add({
      source: { kind: 'url', url: server.url('/slow/cover.jpg') },
      directory: test.directory,
    })
    test.manager.start()
    const part = join(test.directory, 'cover.jpg.part')
    await waitFor(() => (server?.bytesSent('/slow/cover.jpg') ?? 0) > 0)
    // Mid-download: the empty part file is the claim another process's download would meet.
    expect(existsSync(part)).toBe(true)
    expect((await test.waitForState(job.id, ['completed', 'failed'])).state).toBe('completed')
    expect(existsSync(part)).toBe(false)
  })

  it.runIf(process.platform !== 'win32')(
    'never writes through a link planted where a part file would go',
    async () => {
      server = await startFixtureServer([
        { path: '/clip.bin', size: 2 * 1024 * 1024 },
        { path: '/note.txt', size: 100 },
      ])
      const test = await engine()
      const elsewhere = await mkdtemp(join(tmpdir(), 'vod-elsewhere-'))
      for (const name of ['clip.bin', 'note.txt']) {
        symlinkSync(join(elsewhere, `${name}.victim`), join(test.directory, `${name}.part`))
      }
      const ids = ['/clip.bin', '/note.txt'].map(
        (path) =>
          test.manager.add({
            source: { kind: 'url', url: server?.url(path) ?? '' },
            directory: test.directory,
          }).id,
      )
      test.manager.start()
      const names = []
      for (const id of ids) {
        const done = await test.waitForState(id, ['completed', 'failed'])
        expect(done.state).toBe('completed')
        names.push(done.fileName)
      }
      expect(names).toEqual(['clip (1).bin', 'note (1).txt'])
      expect(readdirSync(elsewhere)).toEqual([])
    },
  )
})
