import { existsSync, readdirSync, readlinkSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startFixtureServer, type FixtureServer } from '../../support/fixture-server'
import { createTestEngine, type TestEngine } from '../../support/engine-harness'
import { waitFor } from '../../support/cli-process'

const MiB = 1024 * 1024

let server: FixtureServer | undefined
let engine: TestEngine | undefined

afterEach(async () => {
  await engine?.cleanup()
  await server?.close()
  engine = undefined
  server = undefined
})

/** How many of this process's file descriptors are open on `path` (Linux: /proc/self/fd). */
function openDescriptors(path: string): number {
  let count = 0
  for (const descriptor of readdirSync('/proc/self/fd')) {
    try {
      if (readlinkSync(join('/proc/self/fd', descriptor)) === path) count += 1
    } catch {
      // Closed between the listing and the look.
    }
  }
  return count
}

describe.runIf(existsSync('/proc/self/fd'))('JobManager.pause', () => {
  it('resolves only once the attempt has unwound: part file closed, job paused, not running', async () => {
    server = await startFixtureServer([
      { path: '/slow.bin', size: 16 * MiB, faults: { bytesPerSecondPerConnection: 1 * MiB } },
    ])
    engine = await createTestEngine()
    const manager = engine.manager
    const job = manager.add({
      source: { kind: 'url', url: server.url('/slow.bin') },
      directory: engine.directory,
      connections: 2,
    })
    manager.start()
    const part = join(engine.directory, 'slow.bin.part')
    await waitFor(() => (manager.progress(job.id)?.doneBytes ?? 0) > 256 * 1024)
    // The check below can see an open part file.
    expect(openDescriptors(part)).toBeGreaterThan(0)

    await manager.pause(job.id)

    // Nothing of the attempt is left at the moment the promise resolves, without another tick.
    expect(manager.progress(job.id)).toBeUndefined()
    expect(openDescriptors(part)).toBe(0)
    const paused = manager.get(job.id)
    expect(paused?.state).toBe('paused')
    expect(paused?.doneBytes).toBeGreaterThan(0)
    // The engine removes only jobs that are not running.
    expect(() => manager.remove(job.id)).not.toThrow()
    expect(manager.get(job.id)).toBeUndefined()
  })

  it('resolves at once for a job that is not running, pausing a queued one', async () => {
    server = await startFixtureServer([{ path: '/waiting.bin', size: MiB }])
    engine = await createTestEngine()
    const manager = engine.manager
    // Not started: the job stays queued.
    const job = manager.add({
      source: { kind: 'url', url: server.url('/waiting.bin') },
      directory: engine.directory,
    })
    await manager.pause(job.id)
    expect(manager.get(job.id)?.state).toBe('paused')
    await manager.pause(job.id)
    expect(manager.get(job.id)?.state).toBe('paused')
    expect(() => manager.pause(123_456)).toThrow(/123456/)
  })
})
