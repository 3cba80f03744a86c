import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { JobSnapshot } from '../../../src/shared/jobs'
import { createTestEngine, type TestEngine } from '../../support/engine-harness'
import { startFixtureServer, type FixtureServer } from '../../support/fixture-server'

let server: FixtureServer | undefined
let engine: TestEngine | undefined

afterEach(async () => {
  await engine?.cleanup()
  await server?.close()
  engine = undefined
  server = undefined
})

describe('JobManager.relocate', () => {
  it("records a finished file's new place in the database and announces it", async () => {
    server = await startFixtureServer([{ path: '/clip.mp4', size: 4096 }])
    engine = await createTestEngine()
    const job = engine.manager.add({
      source: { kind: 'url', url: server.url('/clip.mp4') },
      directory: engine.directory,
      fileName: 'Show/clip.mp4',
    })
    // Not finished: there is no file to have moved yet.
    expect(() => engine?.manager.relocate(job.id, '/elsewhere', 'clip.mp4')).toThrow(
      expect.objectContaining({ code: 'Busy' }),
    )
    engine.manager.start()
    expect((await engine.waitForState(job.id, ['completed', 'failed'])).state).toBe('completed')

    const announced: JobSnapshot[] = []
    engine.manager.events.on('state', (snapshot) => announced.push(snapshot))
    const exportFolder = join(engine.directory, '..', 'export')
    engine.manager.relocate(job.id, exportFolder, 'Show/clip (1).mp4')
    expect(announced).toMatchObject([
      { id: job.id, state: 'completed', directory: exportFolder, fileName: 'Show/clip (1).mp4' },
    ])
    expect(engine.jobs.get(job.id)).toMatchObject({
      directory: exportFolder,
      fileName: 'Show/clip (1).mp4',
    })
    expect(engine.manager.get(job.id)).toMatchObject({
      directory: exportFolder,
      fileName: 'Show/clip (1).mp4',
    })
    expect(() => engine?.manager.relocate(999, exportFolder, 'x.mp4')).toThrow(
      expect.objectContaining({ code: 'NotFound' }),
    )
  })
})
