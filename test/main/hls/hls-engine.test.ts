import { randomBytes } from 'node:crypto'
import { existsSync, promises as fs } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  startEmulator,
  type EmulatorOptions,
  type RunningEmulator,
} from '../../../src/emulator/index'
import { HlsSegmentRepository } from '../../../src/main/database/hls-segment-repository'
import type { EngineSettings } from '../../../src/main/engine/job-manager'
import type { Lease, SourceResolver } from '../../../src/main/engine/source'
import type { HlsSettings } from '../../../src/main/hls/hls-kind'
import { createEngineRuntime, type EngineRuntime } from '../../../src/main/runtime/engine-runtime'
import { createVodClient } from '../../../src/main/vod/create-vod-client'
import { VodSourceResolver } from '../../../src/main/vod/vod-source-resolver'
import type { JobSnapshot, JobSource, UrlSource } from '../../../src/shared/jobs'
import { fastSettings } from '../../support/engine-harness'
import { plainSegments, startHlsServer, type HlsServer, type HlsServerOptions } from './hls-server'
import { probeMedia } from './probe'

/** A URL source that can be renewed: each resolve signs the playlist for the server's epoch. */
class EpochResolver implements SourceResolver<UrlSource> {
  readonly kind = 'url' as const
  readonly canRefresh = true
  resolves = 0
  /** Hand out the master playlist's address instead of the media playlist's. */
  master = false
  constructor(private readonly server: HlsServer) {}
  resolve(): Promise<Lease> {
    this.resolves += 1
    return Promise.resolve({
      url: this.master ? this.server.masterUrl() : this.server.playlistUrl(),
    })
  }
  describe(source: UrlSource): string {
    return source.url
  }
}

interface Setup {
  server: HlsServer
  runtime: EngineRuntime
  resolver: EpochResolver
  directory: string
  logLines: string[]
}

const cleanups: Array<() => Promise<void>> = []

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function setup(
  serverOptions: Partial<HlsServerOptions> = {},
  hls: Partial<HlsSettings> = {},
  settings: Partial<EngineSettings> = {},
): Promise<Setup> {
  const server = await startHlsServer({ segments: plainSegments(), ...serverOptions })
  cleanups.push(() => server.close())
  const root = await mkdtemp(join(tmpdir(), 'vod-hls-'))
  cleanups.push(() => fs.rm(root, { recursive: true, force: true }))
  const logLines: string[] = []
  const resolver = new EpochResolver(server)
  const runtime = openRuntime(join(root, 'data'), [resolver], logLines, hls, settings)
  return { server, runtime, resolver, directory: join(root, 'downloads'), logLines }
}

/** An engine on a data folder (a second one on the same folder plays a restarted process). */
function openRuntime(
  dataFolder: string,
  resolvers: SourceResolver[],
  logLines: string[],
  hls: Partial<HlsSettings> = {},
  settings: Partial<EngineSettings> = {},
): EngineRuntime {
  const runtime = createEngineRuntime({
    dataFolder,
    log: {
      info: (message) => logLines.push(`info: ${message}`),
      warn: (message) => logLines.push(`warn: ${message}`),
      error: (message) => logLines.push(`error: ${message}`),
    },
    settings: { ...fastSettings, ...settings },
    resolvers,
    hls: { locateFfmpeg: () => undefined, ...hls },
  })
  let closed: Promise<void> | undefined
  const close = runtime.close.bind(runtime)
  runtime.close = () => (closed ??= close())
  cleanups.push(() => runtime.close())
  runtime.manager.start()
  return runtime
}

function streamSource(server: HlsServer): JobSource {
  return { kind: 'url', url: `${server.origin}/stream/index.m3u8` }
}

async function download(
  test: Setup,
  extra: { connections?: number; fileName?: string; source?: JobSource } = {},
): Promise<JobSnapshot> {
  const job = test.runtime.manager.add({
    source: extra.source ?? streamSource(test.server),
    directory: test.directory,
    fileName: extra.fileName ?? 'lecture.m3u8',
    connections: extra.connections ?? 4,
  })
  await test.runtime.manager.waitForIdle()
  return test.runtime.manager.get(job.id) as JobSnapshot
}

async function expectPlainSegments(folder: string, names: readonly string[]): Promise<void> {
  const expected = plainSegments()
  for (const [index, name] of names.entries()) {
    expect((await fs.readFile(join(folder, name))).equals(expected[index] as Buffer)).toBe(true)
  }
}

/** Segment requests in order: `<path>[?sig] <status>` (whether a signature went along). */
function segmentRequests(server: HlsServer, from = 0): string[] {
  return server.statuses
    .slice(from)
    .filter((entry) => entry.path.endsWith('.ts'))
    .map((entry) => `${entry.path}${entry.signed ? '?sig' : ''} ${entry.status}`)
}

describe('HLS downloads', () => {
  it('saves a plain stream as a folder that plays offline, learning once that its segments need the playlist signature', async () => {
    const test = await setup()
    const job = await download(test)
    expect(job.state, JSON.stringify(job.error)).toBe('completed')
    expect(job.fileName).toBe('lecture')
    const folder = join(test.directory, 'lecture')
    expect((await fs.readdir(folder)).sort()).toEqual([
      '0.ts',
      '1.ts',
      '2.ts',
      '3.ts',
      'index.m3u8',
    ])
    await expectPlainSegments(folder, ['0.ts', '1.ts', '2.ts', '3.ts'])
    expect(existsSync(join(test.directory, 'lecture.parts'))).toBe(false)
    // The segments are listed without a query and served only with the playlist's: the first
    // was asked for as listed once (by one connection of four), every other request carried it.
    const requests = segmentRequests(test.server)
    expect(requests[0]).toMatch(/^\/stream\/1-\d\.ts 403$/)
    expect(requests.slice(1).sort()).toEqual([
      '/stream/1-0.ts?sig 206',
      '/stream/1-1.ts?sig 206',
      '/stream/1-2.ts?sig 206',
      '/stream/1-3.ts?sig 206',
    ])
    const probe = await probeMedia(join(folder, 'index.m3u8'))
    expect(probe.durationSeconds).toBeCloseTo(4, 0)
    expect(probe.streams).toEqual(expect.arrayContaining(['video:h264', 'audio:aac']))
    expect(new HlsSegmentRepository(test.runtime.database).segments(job.id)).toEqual([])
    // Nothing is ever overwritten: the same stream again gets a numbered folder.
    const again = await download(test)
    expect(again.fileName).toBe('lecture (1)')
  })

  it('decrypts AES-128 with the IV from the media sequence number, fetching the key once with the token', async () => {
    const key = randomBytes(16)
    const test = await setup(
      { key, keyToken: 'token-1', mediaSequence: 7 },
      { mtsHlsUriToken: () => 'token-1' },
    )
    const job = await download(test)
    expect(job.state, JSON.stringify(job.error)).toBe('completed')
    const folder = join(test.directory, 'lecture')
    await expectPlainSegments(folder, ['7.ts', '8.ts', '9.ts', '10.ts'])
    expect(test.server.requests.get('/keys/main')).toBe(1)
    const playlist = await fs.readFile(join(folder, 'index.m3u8'), 'utf8')
    expect(playlist).not.toMatch(/EXT-X-KEY/)
    expect(playlist).toMatch(/#EXT-X-MEDIA-SEQUENCE:7/)
  })

  it('fails with KeyUnavailable before fetching any segment when the key service refuses', async () => {
    const test = await setup(
      { key: randomBytes(16), keyToken: 'right' },
      {
        mtsHlsUriToken: () => 'wrong',
      },
    )
    const job = await download(test)
    expect(job.state).toBe('failed')
    expect(job.error?.code).toBe('KeyUnavailable')
    expect(job.error?.message).toMatch(/HTTP 403/)
    expect(job.error?.message).not.toMatch(/wrong/)
    expect(segmentRequests(test.server)).toEqual([])
  })

  it('sends MtsHlsUriToken only to the playlist host or an allowed key host, and says when it was withheld', async () => {
    const key = randomBytes(16)
    const keyService = await startHlsServer({ segments: [], key, keyToken: 'token-1' })
    cleanups.push(() => keyService.close())
    const keyUri = (): string => `${keyService.origin}/keys/main?Ciphertext=abc`

    const foreign = await setup({ key, keyUri }, { mtsHlsUriToken: () => 'token-1' })
    const refused = await download(foreign)
    expect(refused.state).toBe('failed')
    expect(refused.error?.code).toBe('KeyUnavailable')
    expect(refused.error?.message).toMatch(
      /HTTP 403.*MtsHlsUriToken was withheld because the key host 127\.0\.0\.1:\d+ is not the playlist's host 127\.0\.0\.1:\d+ and is not listed in the allowed key hosts setting/,
    )
    expect(keyService.keyTokens).toEqual([null])
    expect(segmentRequests(foreign.server)).toEqual([])
    expect(foreign.logLines.join('\n')).toMatch(/MtsHlsUriToken not sent with the key request/)
    expect(JSON.stringify([refused, foreign.logLines])).not.toContain('token-1')

    const allowed = await setup(
      { key, keyUri },
      { mtsHlsUriToken: () => 'token-1', keyHosts: () => [new URL(keyService.origin).host] },
    )
    const job = await download(allowed)
    expect(job.state, JSON.stringify(job.error)).toBe('completed')
    await expectPlainSegments(join(allowed.directory, 'lecture'), ['0.ts', '1.ts', '2.ts', '3.ts'])
    expect(keyService.keyTokens).toEqual([null, 'token-1'])
  })

  it('renews an expired address and maps the new playlist onto the segments by sequence number', async () => {
    const started: HlsServer[] = []
    const test = await setup({
      onSegmentServed: (position) => {
        // Every address handed out so far expires once the first segment was sent.
        if (position === 0) started[0]?.setEpoch(2)
      },
    })
    started.push(test.server)
    const job = await download(test, { connections: 1 })
    expect(job.state, JSON.stringify(job.error)).toBe('completed')
    await expectPlainSegments(join(test.directory, 'lecture'), ['0.ts', '1.ts', '2.ts', '3.ts'])
    expect(test.resolver.resolves).toBe(2)
    // An expired address of the addressing that works is renewed, not probed again.
    expect(segmentRequests(test.server)).toEqual([
      '/stream/1-0.ts 403',
      '/stream/1-0.ts?sig 206',
      '/stream/1-1.ts?sig 403',
      '/stream/2-1.ts?sig 206',
      '/stream/2-2.ts?sig 206',
      '/stream/2-3.ts?sig 206',
    ])
  })

  it('starts over when a renewed playlist lists other segments, never mixing two streams', async () => {
    const started: HlsServer[] = []
    const test = await setup({
      renumberLaterEpochs: true,
      onSegmentServed: (position) => {
        if (position === 0) started[0]?.setEpoch(2)
      },
    })
    started.push(test.server)
    const job = await download(test, { connections: 1 })
    expect(job.state, JSON.stringify(job.error)).toBe('completed')
    await expectPlainSegments(join(test.directory, 'lecture'), [
      '100.ts',
      '101.ts',
      '102.ts',
      '103.ts',
    ])
    expect(test.logLines.join('\n')).toMatch(
      /no longer lists media sequence 0.*starting the file over/,
    )
  })

  it('removes the parts folder and the segment rows of a canceled job', async () => {
    const holder: { runtime?: EngineRuntime; id?: number } = {}
    const test = await setup({
      onSegmentServed: (position) => {
        if (position === 0 && holder.id !== undefined) holder.runtime?.manager.cancel(holder.id)
      },
    })
    holder.runtime = test.runtime
    const job = test.runtime.manager.add({
      source: streamSource(test.server),
      directory: test.directory,
      fileName: 'lecture.m3u8',
      connections: 1,
    })
    holder.id = job.id
    await test.runtime.manager.waitForIdle()
    expect(test.runtime.manager.get(job.id)?.state).toBe('canceled')
    expect(existsSync(join(test.directory, 'lecture.parts'))).toBe(false)
    expect(new HlsSegmentRepository(test.runtime.database).segments(job.id)).toEqual([])
  })

  it('fails a job whose segment is missing, naming its index, and completes it on resume without refetching committed segments', async () => {
    const test = await setup({ missing: new Set([2]) })
    const failed = await download(test, { connections: 2 })
    expect(failed.state).toBe('failed')
    expect(failed.error?.code).toBe('NotFound')
    expect(failed.error?.message).toMatch(/segment index 2 \(3 of 4, media sequence 2\)/)
    expect(existsSync(join(test.directory, 'lecture'))).toBe(false)
    const parts = join(test.directory, 'lecture.parts')
    expect(existsSync(join(parts, '0.ts'))).toBe(true)
    // A crash between the rename and its row: the file on disk is what counts.
    const segments = new HlsSegmentRepository(test.runtime.database)
    segments.markPending(failed.id, 0)
    test.server.heal()
    const before = test.server.statuses.length
    test.runtime.manager.resume(failed.id)
    await test.runtime.manager.waitForIdle()
    const resumed = test.runtime.manager.get(failed.id)
    expect(resumed?.state, JSON.stringify(resumed?.error)).toBe('completed')
    await expectPlainSegments(join(test.directory, 'lecture'), ['0.ts', '1.ts', '2.ts', '3.ts'])
    // Committed segments were not fetched again, and the resumed attempt did not probe.
    const after = segmentRequests(test.server, before)
    expect(after).toContain('/stream/1-2.ts?sig 206')
    expect(after.every((line) => line.endsWith('?sig 206'))).toBe(true)
    expect(after.some((line) => /^\/stream\/1-[01]\.ts/.test(line))).toBe(false)
  })

  it('saves a folder with a clear warning when an MP4 was asked for but ffmpeg is missing or fails', async () => {
    const missing = await setup({}, { output: () => 'mp4' })
    const job = await download(missing)
    expect(job.state, JSON.stringify(job.error)).toBe('completed')
    expect(job.fileName).toBe('lecture')
    expect(missing.logLines.join('\n')).toMatch(/A required tool is not installed.*ffmpeg/)

    const failing = await setup(
      {},
      {
        output: () => 'mp4',
        locateFfmpeg: () => 'ffmpeg',
        remux: () => Promise.reject(new Error('unsupported codec')),
      },
    )
    const fallback = await download(failing)
    expect(fallback.state, JSON.stringify(fallback.error)).toBe('completed')
    expect(fallback.fileName).toBe('lecture')
    expect(failing.logLines.join('\n')).toMatch(
      /no MP4 \(.*unsupported codec\); saving the stream as a folder/,
    )
  })

  it('refuses live playlists and Aliyun proprietary keys before fetching any segment', async () => {
    const live = await setup({ live: true })
    const liveJob = await download(live)
    expect(liveJob.error?.code).toBe('Unsupported')
    expect(liveJob.error?.message).toMatch(/EXT-X-ENDLIST/)
    expect(segmentRequests(live.server)).toEqual([])

    const proprietary = await setup({ proprietary: true })
    const proprietaryJob = await download(proprietary)
    expect(proprietaryJob.error?.code).toBe('ProprietaryEncryption')
    expect(segmentRequests(proprietary.server)).toEqual([])
  })
})

describe('HLS segment addresses', () => {
  it('requests segments as listed when the playlist signs each one, with no refused request', async () => {
    const test = await setup({ addressing: 'signed' })
    const job = await download(test)
    expect(job.state, JSON.stringify(job.error)).toBe('completed')
    await expectPlainSegments(join(test.directory, 'lecture'), ['0.ts', '1.ts', '2.ts', '3.ts'])
    expect(segmentRequests(test.server).sort()).toEqual([
      '/stream/1-0.ts?sig 206',
      '/stream/1-1.ts?sig 206',
      '/stream/1-2.ts?sig 206',
      '/stream/1-3.ts?sig 206',
    ])
  })

  it('requests bare segments bare when the edge serves them unsigned: the playlist signature stays with the playlist', async () => {
    const test = await setup({ addressing: 'open' })
    const job = await download(test)
    expect(job.state, JSON.stringify(job.error)).toBe('completed')
    await expectPlainSegments(join(test.directory, 'lecture'), ['0.ts', '1.ts', '2.ts', '3.ts'])
    expect(segmentRequests(test.server).sort()).toEqual([
      '/stream/1-0.ts 206',
      '/stream/1-1.ts 206',
      '/stream/1-2.ts 206',
      '/stream/1-3.ts 206',
    ])
  })

  it('remembers what worked in the job, so a job resumed by another process does not probe again', async () => {
    const test = await setup({ missing: new Set([2]) })
    const failed = await download(test, { connections: 1 })
    expect(failed.error?.code).toBe('NotFound')
    const parts = join(test.directory, 'lecture.parts')
    expect(JSON.parse(await fs.readFile(join(parts, 'segment-addressing.json'), 'utf8'))).toEqual({
      version: 1,
      addressing: 'playlist-query',
    })
    expect(segmentRequests(test.server).filter((line) => line.endsWith(' 403'))).toEqual([
      '/stream/1-0.ts 403',
    ])
    // The process ends; another one opens the same job database and resumes the job.
    await test.runtime.close()
    test.server.heal()
    const before = test.server.statuses.length
    const restarted = openRuntime(
      join(test.directory, '..', 'data'),
      [new EpochResolver(test.server)],
      test.logLines,
    )
    restarted.manager.resume(failed.id)
    await restarted.manager.waitForIdle()
    const resumed = restarted.manager.get(failed.id)
    expect(resumed?.state, JSON.stringify(resumed?.error)).toBe('completed')
    await expectPlainSegments(join(test.directory, 'lecture'), ['0.ts', '1.ts', '2.ts', '3.ts'])
    expect(segmentRequests(test.server, before)).toEqual([
      '/stream/1-2.ts?sig 206',
      '/stream/1-3.ts?sig 206',
    ])
    expect(test.logLines.join('\n')).toMatch(
      /segments are requested with the playlist's parameters added \(remembered\)/,
    )
  })

  it('fails naming the segment and both refusals when neither address works, keeping the job', async () => {
    const test = await setup({ addressing: 'private' })
    const job = await download(test)
    expect(job.state).toBe('failed')
    expect(job.error?.code).toBe('SegmentRefused')
    expect(job.error?.message).toMatch(
      /segment index \d \(\d of 4, media sequence \d\): as listed: HTTP 403: AccessDenied: You have no right to access this object because of bucket acl\.; with the playlist's parameters: HTTP 403: AccessDenied/,
    )
    expect(job.error?.messageZh).toMatch(/服务器拒绝了 HLS 分片/)
    expect(job.error?.message).not.toMatch(/sig=/)
    // Both addresses were asked once per lease, and the lease was renewed once in between.
    expect(test.resolver.resolves).toBe(2)
    expect(segmentRequests(test.server)).toHaveLength(4)
    expect(test.runtime.manager.get(job.id)?.state).toBe('failed')
    expect(existsSync(join(test.directory, 'lecture.parts'))).toBe(true)
  })

  it('keeps the committed segments when the delivery stops working mid-job, and resumes once it works again', async () => {
    const started: HlsServer[] = []
    const test = await setup({
      onSegmentServed: (position) => {
        if (position === 1) started[0]?.setAddressing('private')
      },
    })
    started.push(test.server)
    const failed = await download(test, { connections: 1 })
    expect(failed.state).toBe('failed')
    expect(failed.error?.code).toBe('SegmentRefused')
    expect(failed.error?.message).toMatch(/segment index 2 \(3 of 4, media sequence 2\)/)
    const parts = join(test.directory, 'lecture.parts')
    await expectPlainSegments(parts, ['0.ts', '1.ts'])
    expect(failed.doneBytes).toBeGreaterThan(0)
    test.server.setAddressing('pass-through')
    const before = test.server.statuses.length
    test.runtime.manager.resume(failed.id)
    await test.runtime.manager.waitForIdle()
    const resumed = test.runtime.manager.get(failed.id)
    expect(resumed?.state, JSON.stringify(resumed?.error)).toBe('completed')
    await expectPlainSegments(join(test.directory, 'lecture'), ['0.ts', '1.ts', '2.ts', '3.ts'])
    expect(segmentRequests(test.server, before)).toEqual([
      '/stream/1-2.ts?sig 206',
      '/stream/1-3.ts?sig 206',
    ])
  })

  it("follows a master playlist to a bare variant that is served only with the master playlist's parameters", async () => {
    const test = await setup()
    test.resolver.master = true
    const job = await download(test, { source: { kind: 'url', url: test.server.masterUrl() } })
    expect(job.state, JSON.stringify(job.error)).toBe('completed')
    await expectPlainSegments(join(test.directory, 'lecture'), ['0.ts', '1.ts', '2.ts', '3.ts'])
    expect(
      test.server.statuses
        .filter((entry) => entry.path.endsWith('.m3u8'))
        .map((entry) => `${entry.path}${entry.signed ? '?sig' : ''} ${entry.status}`),
    ).toEqual([
      '/stream/master.m3u8?sig 200',
      '/stream/index.m3u8 403',
      '/stream/index.m3u8?sig 200',
    ])
  })
})

describe('HLS renditions of the VOD emulator', () => {
  let emulator: RunningEmulator | undefined

  afterEach(async () => {
    await emulator?.close()
    emulator = undefined
  })

  /** Downloads one HLS rendition of the emulator as a folder through the VOD resolver. */
  async function downloadRendition(
    options: EmulatorOptions,
    pick: (running: RunningEmulator) => { mediaId: string; definition: string },
    outputType: 'cdn' | 'oss',
    hls: Partial<HlsSettings> = {},
  ): Promise<{ job: JobSnapshot; running: RunningEmulator; folder: string; logLines: string[] }> {
    emulator = await startEmulator({ largeSourceBytes: 1024, ...options })
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
    const root = await mkdtemp(join(tmpdir(), 'vod-hls-vod-'))
    cleanups.push(() => fs.rm(root, { recursive: true, force: true }))
    const logLines: string[] = []
    const resolver = new VodSourceResolver({
      client,
      clock: { now: () => Date.now() },
      settings: () => ({ defaultAuthTimeoutSeconds: 3600 }),
    })
    const runtime = openRuntime(join(root, 'data'), [resolver], logLines, hls)
    const { mediaId, definition } = pick(running)
    const added = runtime.manager.add({
      source: {
        kind: 'vod',
        reference: {
          mediaId,
          mediaType: 'video',
          kind: 'rendition',
          outputType,
          definition,
          format: 'm3u8',
        },
      },
      directory: join(root, 'downloads'),
      fileName: 'rendition.m3u8',
      connections: 4,
    })
    await runtime.manager.waitForIdle()
    const job = runtime.manager.get(added.id) as JobSnapshot
    return { job, running, folder: join(root, 'downloads', 'rendition'), logLines }
  }

  const plainRendition = (running: RunningEmulator) => ({
    mediaId: running.library.roles.normalWithHdMp4,
    definition: 'SD',
  })
  const encryptedRendition = (running: RunningEmulator) => ({
    mediaId: running.library.roles.hlsEncrypted,
    definition: 'LD',
  })

  /** Segment responses the emulator sent, by status. */
  function segmentStatuses(running: RunningEmulator): number[] {
    return running.log
      .filter((entry) => entry.kind === 'media' && entry.path.endsWith('.ts'))
      .map((entry) => entry.status)
  }

  for (const [shape, options, outputType, refused] of [
    ['a CDN that rewrites every segment URI', { cdnSegments: 'rewrite' }, 'cdn', 0],
    [
      'a CDN that passes the playlist parameters through',
      { cdnSegments: 'pass-through' },
      'cdn',
      1,
    ],
    ['a CDN whose signing covers playlists only', { cdnSegments: 'unsigned' }, 'cdn', 0],
    ['an OSS origin that signs each segment (hls/sign)', { ossSegments: 'signed' }, 'oss', 0],
  ] as const) {
    it(`downloads from ${shape}`, async () => {
      const { job, running, folder } = await downloadRendition(
        { hls: options },
        plainRendition,
        outputType,
      )
      expect(job.state, JSON.stringify(job.error)).toBe('completed')
      await expectPlainSegments(folder, ['0.ts', '1.ts', '2.ts', '3.ts'])
      const statuses = segmentStatuses(running)
      expect(statuses.filter((status) => status === 403)).toHaveLength(refused)
      expect(statuses.filter((status) => status === 200 || status === 206)).toHaveLength(4)
    })
  }

  it('fails a private OSS playlist whose segments are not signed before any byte, naming both refusals', async () => {
    const { job, running, folder } = await downloadRendition(
      { hls: { ossSegments: 'unsigned' } },
      plainRendition,
      'oss',
    )
    expect(job.state).toBe('failed')
    expect(job.error?.code).toBe('SegmentRefused')
    expect(job.error?.message).toMatch(
      /as listed: HTTP 403: AccessDenied: You have no right to access this object because of bucket acl\.; with the playlist's parameters: HTTP 403: SignatureDoesNotMatch/,
    )
    expect(job.error?.message).toMatch(/use the CDN address instead of the OSS origin/)
    expect(JSON.stringify(job.error)).not.toMatch(/Signature=|OSSAccessKeyId=/)
    expect(segmentStatuses(running).every((status) => status === 403)).toBe(true)
    expect(job.doneBytes).toBe(0)
    expect(existsSync(folder)).toBe(false)
  })

  it('withholds MtsHlsUriToken from a key URI on another host unless that host is allowed', async () => {
    const withheld = await downloadRendition(
      { hls: { keyHost: 'separate' }, hlsKeyToken: 'editor-token' },
      encryptedRendition,
      'oss',
      { mtsHlsUriToken: () => 'editor-token' },
    )
    expect(withheld.job.error?.code).toBe('KeyUnavailable')
    expect(withheld.job.error?.message).toMatch(
      /HTTP 403.*MtsHlsUriToken was withheld because the key host 127\.0\.0\.1:\d+ is not the playlist's host/,
    )
    expect(segmentStatuses(withheld.running)).toEqual([])
    await emulator?.close()

    const allowed = await downloadRendition(
      { hls: { keyHost: 'separate' }, hlsKeyToken: 'editor-token' },
      encryptedRendition,
      'oss',
      {
        mtsHlsUriToken: () => 'editor-token',
        keyHosts: () => [new URL(emulator?.keyServiceUrl ?? '').host],
      },
    )
    expect(allowed.job.state, JSON.stringify(allowed.job.error)).toBe('completed')
    const keyRequests = allowed.running.log.filter((entry) => entry.path.startsWith('/keys/'))
    expect(keyRequests.map((entry) => entry.status)).toEqual([200])
    expect(allowed.running.keyServiceUrl).not.toBe(allowed.running.endpoint)
  })

  it('fails a proprietary-encrypted rendition with its reason before any media byte', async () => {
    emulator = await startEmulator({ largeSourceBytes: 1024 })
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
    const root = await mkdtemp(join(tmpdir(), 'vod-hls-vod-'))
    cleanups.push(() => fs.rm(root, { recursive: true, force: true }))
    const runtime = createEngineRuntime({
      dataFolder: join(root, 'data'),
      settings: fastSettings,
      resolvers: [
        new VodSourceResolver({
          client,
          clock: { now: () => Date.now() },
          settings: () => ({ defaultAuthTimeoutSeconds: 3600 }),
        }),
      ],
    })
    cleanups.push(() => runtime.close())
    runtime.manager.start()
    const job = runtime.manager.add({
      source: {
        kind: 'vod',
        reference: {
          mediaId: running.library.roles.proprietaryOnly,
          mediaType: 'video',
          kind: 'rendition',
          outputType: 'cdn',
          definition: 'HD',
          format: 'm3u8',
        },
      },
      directory: join(root, 'downloads'),
    })
    await runtime.manager.waitForIdle()
    const failed = runtime.manager.get(job.id)
    expect(failed?.state).toBe('failed')
    expect(failed?.error?.code).toBe('ProprietaryEncryption')
    expect(failed?.error?.message).toMatch(/Aliyun player/)
    expect(running.log.filter((entry) => entry.kind === 'media')).toEqual([])
  })
})
