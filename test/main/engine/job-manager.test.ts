import { existsSync, promises as fs } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { UrlSource } from '../../../src/shared/jobs'
import type { Lease, SourceResolver } from '../../../src/main/engine/source'
import { formatCrc64 } from '../../../src/shared/crc64'
import { contentCrc64 } from '../../../src/emulator/synthetic-content'
import {
  startFixtureServer,
  type FixtureFile,
  type FixtureServer,
} from '../../support/fixture-server'
import { createTestEngine, sha256File, type TestEngine } from '../../support/engine-harness'

const MiB = 1024 * 1024

let server: FixtureServer | undefined
let engine: TestEngine | undefined

afterEach(async () => {
  await engine?.cleanup()
  await server?.close()
  engine = undefined
  server = undefined
})

async function setup(
  files: FixtureFile[],
  options: Parameters<typeof createTestEngine>[0] = {},
): Promise<{ server: FixtureServer; engine: TestEngine }> {
  server = await startFixtureServer(files)
  engine = await createTestEngine(options)
  return { server, engine }
}

/** A source that can renew its address: every resolve signs the path again with a short life. */
class SigningResolver implements SourceResolver<UrlSource> {
  readonly kind = 'url' as const
  readonly canRefresh = true
  resolves = 0
  constructor(
    private readonly fixture: FixtureServer,
    private readonly ttlSeconds: number,
  ) {}
  resolve(source: UrlSource): Promise<Lease> {
    this.resolves += 1
    const url = this.fixture.signUrl(new URL(source.url).pathname, this.ttlSeconds)
    const expires = Number(new URL(url).searchParams.get('Expires')) * 1000
    return Promise.resolve({ url, expiresAt: expires })
  }
  describe(source: UrlSource): string {
    return source.url
  }
}

async function downloadOne(
  test: { server: FixtureServer; engine: TestEngine },
  path: string,
  extra: { connections?: number; fileName?: string } = {},
): Promise<ReturnType<TestEngine['manager']['get']>> {
  const { server: fixture, engine: runtime } = test
  const job = runtime.manager.add({
    source: { kind: 'url', url: fixture.url(path) },
    directory: runtime.directory,
    ...extra,
  })
  runtime.manager.start()
  return runtime.waitForState(job.id, ['completed', 'failed', 'paused'])
}

describe('JobManager against a real HTTP server', () => {
  it('downloads a file over several connections byte for byte, through the expected states', async () => {
    const test = await setup([{ path: '/movie.mp4', size: 20 * MiB + 12345 }])
    const job = await downloadOne(test, '/movie.mp4')
    expect(job?.state).toBe('completed')
    const target = join(test.engine.directory, 'movie.mp4')
    expect(await sha256File(target)).toBe(test.server.file('/movie.mp4').sha256)
    expect(existsSync(`${target}.part`)).toBe(false)
    expect(test.engine.states.get(job?.id ?? 0)).toEqual([
      'queued',
      'probing',
      'downloading',
      'verifying',
      'completed',
    ])
    const ranged = test.server.log.filter((record) => record.range !== undefined)
    expect(ranged.length).toBeGreaterThan(1)
    expect(ranged.every((record) => record.headers['accept-encoding'] === 'identity')).toBe(true)
  })

  it('keeps one connection when it already runs fast, and opens more when it is held back', async () => {
    const ramp = { fastConnectionBytesPerSecond: 32 * MiB, rampUpMs: 100 }
    const fast = await setup([{ path: '/fast.bin', size: 24 * MiB }], { settings: ramp })
    expect((await downloadOne(fast, '/fast.bin'))?.state).toBe('completed')
    expect(fast.server.log).toHaveLength(1)
    expect(
      fast.engine.logLines.some((line) => /one connection already runs at full speed/.test(line)),
    ).toBe(true)
    await fast.engine.cleanup()
    await fast.server.close()

    const slow = await setup(
      [{ path: '/slow.bin', size: 6 * MiB, faults: { bytesPerSecondPerConnection: 2 * MiB } }],
      { settings: ramp },
    )
    expect((await downloadOne(slow, '/slow.bin'))?.state).toBe('completed')
    expect(slow.server.log.length).toBeGreaterThan(1)
    expect(await sha256File(join(slow.engine.directory, 'slow.bin'))).toBe(
      slow.server.file('/slow.bin').sha256,
    )
  })

  it('opens the other connections early when the first is held far below the fast speed', async () => {
    // A window of a second: the connection is judged well before it ends.
    const ramp = { fastConnectionBytesPerSecond: 32 * MiB, rampUpMs: 1000 }
    const slow = await setup(
      [{ path: '/slow.bin', size: 4 * MiB, faults: { bytesPerSecondPerConnection: 1 * MiB } }],
      { settings: ramp },
    )
    expect((await downloadOne(slow, '/slow.bin'))?.state).toBe('completed')
    const [first, second] = slow.server.log
    expect(second).toBeDefined()
    expect((second?.startedAt ?? Infinity) - (first?.startedAt ?? 0)).toBeLessThan(800)
    expect(await sha256File(join(slow.engine.directory, 'slow.bin'))).toBe(
      slow.server.file('/slow.bin').sha256,
    )
    await slow.engine.cleanup()
    await slow.server.close()
  })

  it('uses a single connection for a small file', async () => {
    const test = await setup([{ path: '/cover.jpg', size: 64 * 1024 }])
    const job = await downloadOne(test, '/cover.jpg')
    expect(job?.state).toBe('completed')
    expect(test.server.log).toHaveLength(1)
  })

  it('lets small files flow past a large job in a lane of their own', async () => {
    const small = Array.from({ length: 20 }, (_, index) => ({
      path: `/snapshot-${index}.jpg`,
      size: 32 * 1024,
    }))
    const test = await setup(
      [
        { path: '/master.mov', size: 8 * MiB, faults: { bytesPerSecondPerConnection: 2 * MiB } },
        ...small,
      ],
      { settings: { maxConcurrentJobs: 1 } },
    )
    const manager = test.engine.manager
    const master = manager.add({
      source: { kind: 'url', url: test.server.url('/master.mov') },
      directory: test.engine.directory,
      connections: 1,
    })
    const snapshots = manager.addMany(
      small.map((file) => ({
        source: { kind: 'url' as const, url: test.server.url(file.path) },
        directory: test.engine.directory,
      })),
    )
    manager.start()
    for (const job of snapshots)
      expect((await test.engine.waitForState(job.id, ['completed', 'failed'])).state).toBe(
        'completed',
      )
    // Every small file finished while the one large job was still downloading.
    expect(manager.get(master.id)?.state).toBe('downloading')
    expect((await test.engine.waitForState(master.id, ['completed', 'failed'])).state).toBe(
      'completed',
    )
  })

  it('downloads a batch of 5,000 small files, every one byte for byte', async () => {
    const files = Array.from({ length: 5000 }, (_, index) => ({
      path: `/thumb/${index}.jpg`,
      size: 64 * 1024,
      seed: index + 1,
    }))
    const test = await setup(files)
    const manager = test.engine.manager
    const jobs = manager.addMany(
      files.map((file) => ({
        source: { kind: 'url' as const, url: test.server.url(file.path) },
        directory: test.engine.directory,
      })),
      '5,000 thumbnails',
    )
    manager.start()
    await manager.waitForIdle()
    const finished = manager.list()
    expect(finished.filter((job) => job.state === 'completed')).toHaveLength(5000)
    expect(new Set(finished.map((job) => job.batchId))).toEqual(new Set([jobs[0]?.batchId]))
    for (const file of files) {
      const name = file.path.slice('/thumb/'.length)
      expect(await sha256File(join(test.engine.directory, name)), name).toBe(
        test.server.file(file.path).sha256,
      )
    }
  }, 180_000)

  it('survives dropped connections and a burst of 503s', async () => {
    const test = await setup([
      { path: '/drop.bin', size: 6 * MiB, faults: { dropAfterBytes: 300 * 1024, dropCount: 6 } },
      { path: '/busy.bin', size: 3 * MiB, faults: { statusBurst: { status: 503, count: 3 } } },
    ])
    for (const path of ['/drop.bin', '/busy.bin']) {
      const job = await downloadOne(test, path)
      expect(job?.state, JSON.stringify(job?.error)).toBe('completed')
      expect(await sha256File(join(test.engine.directory, path.slice(1)))).toBe(
        test.server.file(path).sha256,
      )
    }
  })

  it('falls back to one connection from byte 0 when the server ignores Range', async () => {
    const test = await setup([
      { path: '/norange.bin', size: 5 * MiB, acceptRanges: false, faults: { ignoreRange: true } },
    ])
    const job = await downloadOne(test, '/norange.bin')
    expect(job?.state).toBe('completed')
    expect(await sha256File(join(test.engine.directory, 'norange.bin'))).toBe(
      test.server.file('/norange.bin').sha256,
    )
    expect(
      test.engine.logLines.some((line) => /does not support ranges|ignores Range/.test(line)),
    ).toBe(true)
  })

  it('restarts the file when its content changes between requests, never mixing versions', async () => {
    const test = await setup([
      { path: '/changing.bin', size: 4 * MiB, faults: { changeContentAfterRequests: 2 } },
    ])
    const job = await downloadOne(test, '/changing.bin')
    expect(job?.state).toBe('completed')
    expect(await sha256File(join(test.engine.directory, 'changing.bin'))).toBe(
      test.server.file('/changing.bin').sha256,
    )
    expect(test.engine.logLines.some((line) => /starting the file over/.test(line))).toBe(true)
  })

  it('renews an expiring signed URL mid-download and keeps every byte already on disk', async () => {
    server = await startFixtureServer([
      {
        path: '/signed.bin',
        size: 3 * MiB,
        // Connections break off now and then, so new requests meet expired links.
        faults: {
          signed: {},
          bytesPerSecondPerConnection: 512 * 1024,
          dropAfterBytes: 400 * 1024,
          dropCount: 6,
        },
      },
    ])
    const resolver = new SigningResolver(server, 1)
    engine = await createTestEngine({ resolvers: [resolver], settings: { connectionsPerJob: 2 } })
    const job = engine.manager.add({
      source: { kind: 'url', url: server.url('/signed.bin') },
      directory: engine.directory,
    })
    engine.manager.start()
    const finished = await engine.waitForState(job.id, ['completed', 'failed'])
    expect(finished.state, JSON.stringify(finished.error)).toBe('completed')
    expect(await sha256File(join(engine.directory, 'signed.bin'))).toBe(
      server.file('/signed.bin').sha256,
    )
    expect(resolver.resolves).toBeGreaterThan(1)
    // Renewal keeps bytes: what was sent is the file plus little more than the in-flight pieces.
    expect(server.bytesSent('/signed.bin')).toBeLessThan(3 * MiB * 1.2)
  })

  it('fails a plain URL that expired with UrlExpired and keeps the partial file', async () => {
    // The first response breaks off after 1,000 KiB (about 3.9 s at 256 KiB/s); by then the
    // 2-second link has expired — OSS compares whole seconds, so it works until the end of the
    // second it names, at most 3 s after signing — and a plain URL cannot renew itself.
    server = await startFixtureServer([
      {
        path: '/plain.bin',
        size: 2 * MiB,
        faults: {
          signed: {},
          bytesPerSecondPerConnection: 256 * 1024,
          dropAfterBytes: 1000 * 1024,
          dropCount: 1,
        },
      },
    ])
    engine = await createTestEngine()
    const url = server.signUrl('/plain.bin', 2)
    const job = engine.manager.add({
      source: { kind: 'url', url },
      directory: engine.directory,
      connections: 1,
    })
    engine.manager.start()
    const failed = await engine.waitForState(job.id, ['failed', 'completed'])
    expect(failed.state).toBe('failed')
    expect(failed.error?.code).toBe('UrlExpired')
    expect(failed.error?.messageZh).toMatch(/过期/)
    expect(failed.doneBytes).toBeGreaterThanOrEqual(600 * 1024)
    expect(existsSync(join(engine.directory, 'plain.bin.part'))).toBe(true)
  })

  it('never writes an HTML error page as data', async () => {
    const test = await setup([
      { path: '/page.mp4', size: 1 * MiB, faults: { htmlErrorWith200: 100 } },
    ])
    const job = await downloadOne(test, '/page.mp4')
    expect(job?.state).toBe('failed')
    expect(job?.error?.code).toBe('ErrorPage')
    expect(await fs.readdir(test.engine.directory)).toEqual([])
  })

  it('reconnects a stalled connection', async () => {
    const test = await setup(
      [
        {
          path: '/stall.bin',
          size: 2 * MiB,
          faults: { stallAfterBytes: 100 * 1024, stallCount: 1 },
        },
      ],
      { settings: { stallTimeoutMs: 300 } },
    )
    const job = await downloadOne(test, '/stall.bin', { connections: 1 })
    expect(job?.state).toBe('completed')
    expect(await sha256File(join(test.engine.directory, 'stall.bin'))).toBe(
      test.server.file('/stall.bin').sha256,
    )
    expect(test.server.log.some((record) => record.stalled)).toBe(true)
  })

  it('verifies the whole-object CRC-64 sent by the server', async () => {
    const size = 3 * MiB + 7
    const test = await setup([{ path: '/crc.bin', size, crc64Header: true, seed: 42 }])
    const job = await downloadOne(test, '/crc.bin')
    expect(job?.state).toBe('completed')
    expect(test.engine.logLines.some((line) => line.includes('CRC-64'))).toBe(true)
    expect(formatCrc64(contentCrc64(42, size))).toMatch(/^\d+$/)
  })

  it('restarts on a checksum mismatch and fails after the bounded number of restarts', async () => {
    const test = await setup([{ path: '/bad.bin', size: 300 * 1024 }], {
      settings: { maxContentRestarts: 1 },
    })
    const job = test.engine.manager.add({
      source: { kind: 'url', url: test.server.url('/bad.bin') },
      directory: test.engine.directory,
      expected: { md5: '00000000000000000000000000000000' },
    })
    test.engine.manager.start()
    const failed = await test.engine.waitForState(job.id, ['failed', 'completed'])
    expect(failed.state).toBe('failed')
    expect(failed.error?.code).toBe('ChecksumMismatch')
    expect(test.server.log.length).toBe(2)
  })

  it('pauses and resumes without downloading the kept bytes again', async () => {
    const size = 4 * MiB
    const test = await setup([
      { path: '/pause.bin', size, faults: { bytesPerSecondPerConnection: 2 * MiB } },
    ])
    const manager = test.engine.manager
    const job = manager.add({
      source: { kind: 'url', url: test.server.url('/pause.bin') },
      directory: test.engine.directory,
      connections: 2,
    })
    manager.start()
    await waitFor(() => (manager.progress(job.id)?.doneBytes ?? 0) > MiB)
    void manager.pause(job.id)
    const paused = await test.engine.waitForState(job.id, ['paused'])
    expect(paused.doneBytes).toBeGreaterThan(0)
    await test.server.waitForIdle()
    const sentBeforeResume = test.server.bytesSent('/pause.bin')
    test.server.setFaults('/pause.bin', {})
    manager.resume(job.id)
    const done = await test.engine.waitForState(job.id, ['completed', 'failed'])
    expect(done.state).toBe('completed')
    expect(await sha256File(join(test.engine.directory, 'pause.bin'))).toBe(
      test.server.file('/pause.bin').sha256,
    )
    const resent = test.server.bytesSent('/pause.bin') - sentBeforeResume
    expect(resent).toBeLessThanOrEqual(size - paused.doneBytes + 2 * 256 * 1024)
  })

  it('cancels a job with its partial file, and a retry starts it over from byte 0', async () => {
    const size = 4 * MiB
    const test = await setup([
      { path: '/cancel.bin', size, faults: { bytesPerSecondPerConnection: 2 * MiB } },
    ])
    const manager = test.engine.manager
    const job = manager.add({
      source: { kind: 'url', url: test.server.url('/cancel.bin') },
      directory: test.engine.directory,
      connections: 2,
    })
    manager.start()
    await waitFor(() => (manager.progress(job.id)?.doneBytes ?? 0) > MiB)
    manager.cancel(job.id)
    await test.engine.waitForState(job.id, ['canceled'])
    await waitFor(() => !existsSync(join(test.engine.directory, 'cancel.bin.part')))
    test.server.setFaults('/cancel.bin', {})
    manager.retry(job.id)
    const requeued = manager.get(job.id)
    expect(requeued).toMatchObject({ doneBytes: 0, totalBytes: null, error: null })
    const done = await test.engine.waitForState(job.id, ['completed', 'failed'])
    expect(done.state).toBe('completed')
    const states = test.engine.states.get(job.id) ?? []
    const canceledAt = states.indexOf('canceled')
    expect(states.slice(canceledAt, canceledAt + 2)).toEqual(['canceled', 'queued'])
    expect(done.fileName).toBe('cancel.bin')
    expect(await sha256File(join(test.engine.directory, 'cancel.bin'))).toBe(
      test.server.file('/cancel.bin').sha256,
    )
  })

  it('reconnects running jobs from their checkpoints, as after the computer wakes up', async () => {
    const size = 4 * MiB
    const test = await setup([
      { path: '/wake.bin', size, faults: { bytesPerSecondPerConnection: 2 * MiB } },
    ])
    const manager = test.engine.manager
    const job = manager.add({
      source: { kind: 'url', url: test.server.url('/wake.bin') },
      directory: test.engine.directory,
      connections: 2,
    })
    manager.start()
    await waitFor(() => (manager.progress(job.id)?.doneBytes ?? 0) > MiB)
    const requestsBefore = test.server.log.length
    manager.reconnect()
    const done = await test.engine.waitForState(job.id, ['completed', 'failed'])
    expect(done.state).toBe('completed')
    expect(test.engine.states.get(job.id)).toContain('queued')
    expect(test.server.log.length).toBeGreaterThan(requestsBefore)
    expect(await sha256File(join(test.engine.directory, 'wake.bin'))).toBe(
      test.server.file('/wake.bin').sha256,
    )
  })

  it('never overwrites an existing file and keeps hostile names inside the folder', async () => {
    const test = await setup([{ path: '/clip.mp4', size: 10_000 }])
    await fs.writeFile(join(test.engine.directory, 'clip.mp4'), 'mine')
    const first = await downloadOne(test, '/clip.mp4')
    expect(first?.fileName).toBe('clip (1).mp4')
    expect(await fs.readFile(join(test.engine.directory, 'clip.mp4'), 'utf8')).toBe('mine')
    const hostile = await downloadOne(test, '/clip.mp4', { fileName: '../../etc/passwd' })
    expect(hostile?.state).toBe('completed')
    expect(existsSync(join(test.engine.directory, 'etc', 'passwd'))).toBe(true)
  })

  it('names the file from a UTF-8 Content-Disposition', async () => {
    const test = await setup([
      {
        path: '/download',
        size: 1000,
        contentDisposition:
          'attachment; filename="x.mp4"; filename*=UTF-8\'\'%E4%BA%A7%E5%93%81%E5%8F%91%E5%B8%83%E4%BC%9A.mp4',
      },
    ])
    const job = await downloadOne(test, '/download')
    expect(job?.fileName).toBe('产品发布会.mp4')
  })

  it('pauses with DiskFull before starting when the disk lacks the space, keeping the job', async () => {
    const test = await setup([{ path: '/huge.bin', size: 10_000 }], {
      settings: { diskReserveBytes: Number.MAX_SAFE_INTEGER / 2 },
    })
    const job = await downloadOne(test, '/huge.bin')
    expect(job?.state).toBe('paused')
    expect(job?.error?.code).toBe('DiskFull')
    expect(test.engine.manager.get(job?.id ?? 0)).toBeDefined()
  })

  it('does not run a job another live process holds', async () => {
    const test = await setup([{ path: '/owned.bin', size: 1000 }])
    const job = test.engine.manager.add({
      source: { kind: 'url', url: test.server.url('/owned.bin') },
      directory: test.engine.directory,
    })
    test.engine.jobs.update(job.id, {
      owner: 'another-process',
      ownerPid: process.ppid,
      ownerHost: (await import('node:os')).hostname(),
      ownerUntil: Date.now() + 60_000,
    })
    expect(test.engine.manager.foreignOwner(job.id)?.pid).toBe(process.ppid)
    test.engine.manager.start()
    await test.engine.manager.waitForIdle()
    expect(test.engine.manager.get(job.id)?.state).toBe('queued')
    expect(test.server.log).toHaveLength(0)
  })
})

async function waitFor(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}
