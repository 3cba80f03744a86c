import { afterEach, describe, expect, it } from 'vitest'
import { startEmulator, type RunningEmulator } from '../../../src/emulator/index'
import { createVodClient } from '../../../src/main/vod/create-vod-client'
import { VodSourceResolver } from '../../../src/main/vod/vod-source-resolver'
import { createTestEngine, type TestEngine } from '../../support/engine-harness'

/**
 * Downloading an archived source that is not restored: OSS answers 403 `InvalidObjectState`,
 * and the job says the file is in archive storage (not an expired link, not a Referer rule).
 */

let emulator: RunningEmulator | undefined
let engine: TestEngine | undefined

afterEach(async () => {
  await engine?.cleanup()
  await emulator?.close()
  engine = undefined
  emulator = undefined
})

async function setup(): Promise<{ emulator: RunningEmulator; engine: TestEngine }> {
  emulator = await startEmulator()
  const running = emulator
  const client = createVodClient(() => ({
    credentials: {
      kind: 'access-key',
      accessKeyId: running.accessKeyId,
      accessKeySecret: running.accessKeySecret,
    },
    regionId: running.regionId,
    endpoint: running.endpoint,
  }))
  const resolver = new VodSourceResolver({
    client,
    settings: () => ({ defaultAuthTimeoutSeconds: 3600 }),
    clock: { now: Date.now },
  })
  engine = await createTestEngine({ resolvers: [resolver] })
  return { emulator, engine }
}

describe('an archived source that is not restored', () => {
  it('fails a plain address with Archived when OSS answers InvalidObjectState', async () => {
    const { emulator: running, engine: runtime } = await setup()
    const client = createVodClient(() => ({
      credentials: {
        kind: 'access-key',
        accessKeyId: running.accessKeyId,
        accessKeySecret: running.accessKeySecret,
      },
      regionId: running.regionId,
      endpoint: running.endpoint,
    }))
    const mezzanine = await client.getMezzanineInfo({
      videoId: running.library.roles.archivedSource,
      outputType: 'oss',
    })
    const job = runtime.manager.add({
      source: { kind: 'url', url: mezzanine.fileUrl },
      directory: runtime.directory,
    })
    runtime.manager.start()
    const failed = await runtime.waitForState(job.id, ['failed', 'completed'])
    expect(failed.state).toBe('failed')
    expect(failed.error?.code).toBe('Archived')
    expect(failed.error?.detail).toContain('InvalidObjectState')
    expect(failed.error?.messageZh).toContain('归档存储')
  })

  it('fails a VOD job without a restore before asking for an address', async () => {
    const { emulator: running, engine: runtime } = await setup()
    const job = runtime.manager.add({
      source: {
        kind: 'vod',
        reference: {
          mediaId: running.library.roles.coldArchive,
          mediaType: 'video',
          kind: 'source',
          outputType: 'cdn',
        },
      },
      directory: runtime.directory,
    })
    runtime.manager.start()
    const failed = await runtime.waitForState(job.id, ['failed', 'completed'])
    expect(failed.error?.code).toBe('Archived')
    expect(failed.error?.detail).toContain('ColdArchive')
    expect(running.log.some((entry) => entry.kind === 'media')).toBe(false)
    expect(running.log.some((entry) => entry.action === 'RestoreMedia')).toBe(false)
  })
})
