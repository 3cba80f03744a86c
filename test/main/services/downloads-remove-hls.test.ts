import { existsSync, promises as fs } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Logger } from '../../../src/main/common/logger'
import type { Lease, SourceResolver } from '../../../src/main/engine/source'
import { createEngineRuntime, type EngineRuntime } from '../../../src/main/runtime/engine-runtime'
import { DownloadsService } from '../../../src/main/services/downloads-service'
import type { VodClient } from '../../../src/main/vod/client'
import type { JobSnapshot, UrlSource } from '../../../src/shared/jobs'
import { createDefaultSettings } from '../../../src/shared/settings'
import { fastSettings } from '../../support/engine-harness'
import {
  plainSegments,
  startHlsServer,
  type HlsServer,
  type HlsServerOptions,
} from '../hls/hls-server'

/** The stream's playlist address, the same at every resolve. */
class PlaylistResolver implements SourceResolver<UrlSource> {
  readonly kind = 'url' as const
  readonly canRefresh = false
  constructor(private readonly server: HlsServer) {}
  resolve(): Promise<Lease> {
    return Promise.resolve({ url: this.server.playlistUrl() })
  }
  describe(source: UrlSource): string {
    return source.url
  }
}

interface Setup {
  server: HlsServer
  runtime: EngineRuntime
  service: DownloadsService
  directory: string
  logLines: string[]
  /** Downloads the stream (as a folder: no ffmpeg) until the engine is idle. */
  download(): Promise<JobSnapshot>
}

const cleanups: Array<() => Promise<void>> = []

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function setup(serverOptions: Partial<HlsServerOptions> = {}): Promise<Setup> {
  const server = await startHlsServer({ segments: plainSegments(), ...serverOptions })
  cleanups.push(() => server.close())
  const root = await mkdtemp(join(tmpdir(), 'vod-remove-hls-'))
  cleanups.push(() => fs.rm(root, { recursive: true, force: true }))
  const logLines: string[] = []
  const log: Logger = {
    info: (message) => logLines.push(`info: ${message}`),
    warn: (message) => logLines.push(`warn: ${message}`),
    error: (message) => logLines.push(`error: ${message}`),
  }
  const runtime = createEngineRuntime({
    dataFolder: join(root, 'data'),
    log,
    settings: fastSettings,
    resolvers: [new PlaylistResolver(server)],
    hls: { locateFfmpeg: () => undefined },
  })
  cleanups.push(() => runtime.close())
  runtime.manager.start()
  const directory = join(root, 'downloads')
  const service = new DownloadsService({
    // Removing jobs never talks to VOD.
    client: {} as VodClient,
    engine: runtime.manager,
    settings: () => createDefaultSettings(directory),
    log,
  })
  return {
    server,
    runtime,
    service,
    directory,
    logLines,
    async download() {
      const job = runtime.manager.add({
        source: { kind: 'url', url: `${server.origin}/stream/index.m3u8` },
        directory,
        fileName: 'lecture.m3u8',
        connections: 2,
      })
      await runtime.manager.waitForIdle()
      return runtime.manager.get(job.id) as JobSnapshot
    },
  }
}

describe('removing an HLS download with its files', () => {
  it("deletes the folder a stream was saved as, and only that job's folder", async () => {
    const test = await setup()
    const first = await test.download()
    const second = await test.download()
    expect([first.state, first.fileName, second.state, second.fileName]).toEqual([
      'completed',
      'lecture',
      'completed',
      'lecture (1)',
    ])
    await test.service.remove([first.id], true)
    expect(test.runtime.manager.get(first.id)).toBeUndefined()
    expect(existsSync(join(test.directory, 'lecture'))).toBe(false)
    expect((await fs.readdir(join(test.directory, 'lecture (1)'))).sort()).toEqual([
      '0.ts',
      '1.ts',
      '2.ts',
      '3.ts',
      'index.m3u8',
    ])
    expect(await fs.readdir(test.directory)).toEqual(['lecture (1)'])
  })

  it('keeps what a user put in the folder, and a folder that is not the download at all', async () => {
    const test = await setup()
    const annotated = await test.download()
    const replaced = await test.download()
    await fs.writeFile(join(test.directory, 'lecture', 'notes.txt'), 'mine')
    // The second output was replaced by a folder of the user's own, without the local playlist.
    const foreign = join(test.directory, 'lecture (1)')
    await fs.rm(foreign, { recursive: true })
    await fs.mkdir(foreign)
    await fs.writeFile(join(foreign, '0.ts'), 'mine too')

    await test.service.remove([annotated.id, replaced.id], true)
    expect(test.runtime.manager.list()).toEqual([])
    expect(await fs.readdir(join(test.directory, 'lecture'))).toEqual(['notes.txt'])
    expect(await fs.readdir(foreign)).toEqual(['0.ts'])
    expect(test.logLines.join('\n')).toMatch(/is not the job's HLS output folder; left in place/)
  })

  it('deletes the parts folder of an unfinished stream', async () => {
    const test = await setup({ missing: new Set([2]) })
    const failed = await test.download()
    expect(failed.state).toBe('failed')
    const parts = join(test.directory, 'lecture.parts')
    expect(existsSync(join(parts, '0.ts'))).toBe(true)
    await test.service.remove([failed.id], true)
    expect(test.runtime.manager.get(failed.id)).toBeUndefined()
    // The engine discards partial files in the background when a job is removed.
    for (let tick = 0; existsSync(parts) && tick < 200; tick++) {
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    expect(existsSync(parts)).toBe(false)
    expect(existsSync(join(test.directory, 'lecture'))).toBe(false)
  })
})
