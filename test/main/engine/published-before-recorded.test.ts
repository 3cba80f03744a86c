import { linkSync, mkdtempSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { publishPartFile } from '../../../src/main/engine/finalize'
import { createTestEngine, sha256File, type TestEngine } from '../../support/engine-harness'
import { startFixtureServer, type FixtureServer } from '../../support/fixture-server'

// A process killed at the last moment of a download — the file already under its final name,
// the job not yet recorded as completed — must not leave a file no job owns beside `name (1)`.

const engines: TestEngine[] = []
let server: FixtureServer | undefined
const folders: string[] = []

afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.cleanup().catch(() => undefined)
  await server?.close()
  server = undefined
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

/**
 * Closes `first` (the process that was killed) and starts a second engine on its data folder
 * and download folder; returns the job once that one has finished it, and stops it.
 */
async function restart(first: TestEngine, id: number) {
  await first.close()
  engines.splice(engines.indexOf(first), 1)
  const second = await createTestEngine({
    dataFolder: first.dataFolder,
    directory: first.directory,
  })
  engines.push(second)
  second.manager.start()
  const done = await second.waitForState(id, ['completed', 'failed'])
  await second.manager.stop()
  return done
}

describe('a download published before its completion was recorded', () => {
  it('is verified and completed on the next start, without downloading it again', async () => {
    const size = 4 * 1024 * 1024
    server = await startFixtureServer([{ path: '/master.mov', size }])
    const first = await createTestEngine()
    engines.push(first)
    const job = first.manager.add({
      source: { kind: 'url', url: `${server.origin}/master.mov` },
      directory: first.directory,
    })
    first.manager.start()
    expect((await first.waitForState(job.id, ['completed', 'failed'])).state).toBe('completed')
    await first.manager.stop()
    // What the database held just before the completion was written: every byte in, the job
    // still running. (The part file is gone: the file has its final name.)
    first.jobs.saveProgress(job.id, [{ start: 0, end: size, done: size, crc64: null }], {
      state: 'downloading',
      doneBytes: size,
      owner: null,
      ownerPid: null,
      ownerHost: null,
      ownerUntil: null,
    })
    const requestsBefore = server.log.length
    const done = await restart(first, job.id)
    expect(done.state).toBe('completed')
    expect(done.fileName).toBe('master.mov')
    expect(server.log.length).toBe(requestsBefore)
    expect(readdirSync(first.directory)).toEqual(['master.mov'])
    expect(await sha256File(join(first.directory, 'master.mov'))).toBe(
      server.file('/master.mov').sha256,
    )
  })
})

describe('a small file published before its batched completion was written', () => {
  it('keeps its part file name until the completed row is stored', async () => {
    server = await startFixtureServer([{ path: '/cover.jpg', size: 64 * 1024 }])
    const engine = await createTestEngine()
    engines.push(engine)
    const job = engine.manager.add({
      source: { kind: 'url', url: `${server.origin}/cover.jpg` },
      directory: engine.directory,
    })
    // When the completion is announced, the row says so and only then does the part file's
    // name go: a process killed before the row was written finds its part file again.
    const seen: Array<{ stored: string | undefined; partExists: boolean }> = []
    engine.manager.events.on('state', (snapshot) => {
      if (snapshot.id !== job.id || snapshot.state !== 'completed') return
      seen.push({
        stored: engine.jobs.get(job.id)?.state,
        partExists: existsSync(join(engine.directory, 'cover.jpg.part')),
      })
    })
    engine.manager.start()
    expect((await engine.waitForState(job.id, ['completed', 'failed'])).state).toBe('completed')
    expect(seen).toEqual([{ stored: 'completed', partExists: true }])
    await engine.manager.stop()
    expect(readdirSync(engine.directory)).toEqual(['cover.jpg'])
  })

  it('completes under its own name on the next start, without a numbered copy', async () => {
    const size = 64 * 1024
    server = await startFixtureServer([{ path: '/cover.jpg', size }])
    const first = await createTestEngine()
    engines.push(first)
    const job = first.manager.add({
      source: { kind: 'url', url: `${server.origin}/cover.jpg` },
      directory: first.directory,
    })
    first.manager.start()
    expect((await first.waitForState(job.id, ['completed', 'failed'])).state).toBe('completed')
    await first.manager.stop()
    // Killed after publishing and before the batched write: the name recorded while probing,
    // the job still running, the published file and its part file's name one file.
    first.jobs.update(job.id, {
      state: 'downloading',
      owner: null,
      ownerPid: null,
      ownerHost: null,
      ownerUntil: null,
      completedAt: null,
    })
    linkSync(join(first.directory, 'cover.jpg'), join(first.directory, 'cover.jpg.part'))
    const done = await restart(first, job.id)
    expect(done.state).toBe('completed')
    expect(done.fileName).toBe('cover.jpg')
    expect(readdirSync(first.directory)).toEqual(['cover.jpg'])
    expect(await sha256File(join(first.directory, 'cover.jpg'))).toBe(
      server.file('/cover.jpg').sha256,
    )
  })
})

describe('publishPartFile after an interrupted publish', () => {
  it('recognises its own hard link under the final name and only removes the part file', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'publish-'))
    folders.push(folder)
    const part = join(folder, 'clip.mp4.part')
    writeFileSync(part, 'bytes')
    // Killed between the link and the removal of the part file.
    linkSync(part, join(folder, 'clip.mp4'))
    expect(await publishPartFile(folder, 'clip.mp4', part)).toBe('clip.mp4')
    expect(existsSync(part)).toBe(false)
    expect(readdirSync(folder)).toEqual(['clip.mp4'])
  })

  it('still numbers the name when another file holds it', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'publish-'))
    folders.push(folder)
    const part = join(folder, 'clip.mp4.part')
    writeFileSync(part, 'bytes')
    writeFileSync(join(folder, 'clip.mp4'), 'someone else')
    expect(await publishPartFile(folder, 'clip.mp4', part)).toBe('clip (1).mp4')
  })
})
