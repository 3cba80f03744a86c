import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator, type RunningEmulator } from '../../../src/emulator/index'
import type { Lease } from '../../../src/main/engine/source'
import type { VodClient } from '../../../src/main/vod/client'
import { createVodClient } from '../../../src/main/vod/create-vod-client'
import type { VodCredentials } from '../../../src/main/vod/credentials'
import { listDownloadableFiles } from '../../../src/main/vod/downloadable-files'
import { fetchMediaDetails } from '../../../src/main/vod/media-details'
import { VodSourceResolver } from '../../../src/main/vod/vod-source-resolver'
import type { VodSource } from '../../../src/shared/jobs'
import type { VodFileReference } from '../../../src/shared/vod'

/** What the SDK-backed client needs to reach an emulator, with the given credentials. */
function clientFor(
  emulator: RunningEmulator,
  credentials?: VodCredentials,
  sleeps: number[] = [],
): VodClient {
  return createVodClient(
    () => ({
      credentials: credentials ?? {
        kind: 'access-key',
        accessKeyId: emulator.accessKeyId,
        accessKeySecret: emulator.accessKeySecret,
      },
      regionId: emulator.regionId,
      endpoint: emulator.endpoint,
      readTimeoutMs: 10_000,
    }),
    {
      // Throttling backoff is recorded, not waited for: tests never sleep.
      sleep: (ms) => {
        sleeps.push(ms)
        return Promise.resolve()
      },
    },
  )
}

function vodSource(reference: VodFileReference): VodSource {
  return { kind: 'vod', reference }
}

const initial = { reason: 'initial' as const, signal: new AbortController().signal }

/** GETs the first 16 bytes of a lease the way the engine would (its headers, a Range). */
async function firstBytes(lease: Lease): Promise<{ status: number; bytes: Buffer }> {
  const response = await fetch(lease.url, { headers: { ...lease.headers, Range: 'bytes=0-15' } })
  return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()) }
}

const jpegStart = Buffer.from([0xff, 0xd8])

describe('VOD client against the emulator', () => {
  let emulator: RunningEmulator
  let client: VodClient

  beforeAll(async () => {
    emulator = await startEmulator()
    client = clientFor(emulator)
  })

  afterAll(async () => {
    await emulator.close()
  })

  it('reads every action through the real SDK, in the real shapes', async () => {
    const { roles, videos, images } = emulator.library
    const video = emulator.library.findMedia(roles.normalWithHdMp4)!

    const info = await client.getVideoInfo(video.id)
    expect(info).toMatchObject({ videoId: video.id, title: video.title, size: video.source.size })
    expect(info.snapshotUrls.length).toBe(video.snapshots.CoverSnapshot?.items.length ?? 0)

    const ids = videos.slice(0, 25).map((item) => item.id)
    const infos = await client.getVideoInfos([...ids, 'no-such-video'])
    expect(infos.videos.map((item) => item.videoId).sort()).toEqual([...ids].sort())
    expect(infos.missingVideoIds).toEqual(['no-such-video'])

    const play = await client.getPlayInfo({ videoId: video.id, resultType: 'Multiple' })
    expect(play.videoBase?.title).toBe(video.title)
    expect(play.playInfos.map((stream) => stream.jobId).sort()).toEqual(
      video.streams.map((stream) => stream.jobId).sort(),
    )
    const hd = play.playInfos.find(
      (stream) => stream.definition === 'HD' && stream.format === 'mp4',
    )
    expect(hd).toMatchObject({ encrypted: false, status: 'Normal', streamType: 'video' })
    expect(typeof hd?.bitrate).toBe('number')

    const mezzanine = await client.getMezzanineInfo({ videoId: video.id, outputType: 'oss' })
    expect(mezzanine).toMatchObject({ fileName: video.source.fileName, size: video.source.size })
    expect(mezzanine.fileMd5).toMatch(/^[0-9a-f]{32}$/)

    const inputSource = await client.getMezzanineInfo({
      videoId: roles.inputBucketSource,
      outputType: 'cdn',
    })
    expect(inputSource.fileUrl).toContain(`/oss/${emulator.library.inputBucket}/`)

    const image = await client.getImageInfo({ imageId: roles.image })
    expect(image).toMatchObject({ imageId: roles.image, status: 'Normal' })
    expect(image.mezzanine?.fileSize).toBe(emulator.library.findImage(roles.image)?.size)

    const imageIds = images.slice(0, 21).map((item) => item.id)
    const imageInfos = await client.getImageInfos({ imageIds: [...imageIds, 'no-such-image'] })
    expect(imageInfos.images).toHaveLength(21)
    expect(imageInfos.missingImageIds).toEqual(['no-such-image'])

    const many = await client.listSnapshots({
      videoId: roles.manySnapshots,
      snapshotType: 'NormalSnapshot',
    })
    expect(many.snapshots).toHaveLength(150)
    expect(many.snapshots.map((snapshot) => snapshot.index)).toEqual(
      Array.from({ length: 150 }, (_, index) => index + 1),
    )
    const all = await client.listAllSnapshots(video.id)
    expect(all.map((list) => [list.snapshotType, list.snapshots.length])).toEqual(
      (
        [
          'CoverSnapshot',
          'NormalSnapshot',
          'SpriteSnapshot',
          'SpriteOriginSnapshot',
          'WebVttSnapshot',
        ] as const
      ).map((type) => [type, video.snapshots[type]?.items.length ?? 0]),
    )

    for (const searchType of ['video', 'audio', 'image'] as const) {
      const page = await client.searchMedia({ searchType, fields: ['Title'], pageSize: 5 })
      expect(page.items.length).toBeGreaterThan(0)
      expect(page.items.every((item) => item.mediaType === searchType && item.title)).toBe(true)
    }
  })

  it('lists downloadable files whose references all resolve to working URLs', async () => {
    const { roles } = emulator.library
    const resolver = new VodSourceResolver({
      client,
      settings: () => ({ defaultAuthTimeoutSeconds: 3600 }),
      clock: { now: Date.now },
    })
    const details = await fetchMediaDetails(client, {
      mediaId: roles.normalWithHdMp4,
      mediaType: 'video',
      outputType: 'cdn',
    })
    const files = listDownloadableFiles(details, { outputType: 'cdn' })
    const kinds = new Set(files.map((file) => file.kind))
    expect([...kinds].sort()).toEqual(
      ['cover', 'rendition', 'snapshot', 'source', 'sprite', 'sprite-origin', 'webvtt'].sort(),
    )
    // Every rendition, and the first file of each other kind.
    const picked = files.filter(
      (file, index) =>
        file.kind === 'rendition' || files.findIndex((other) => other.kind === file.kind) === index,
    )
    for (const file of picked) {
      const lease = await resolver.resolve(vodSource(file.reference), initial)
      const { status, bytes } = await firstBytes(lease)
      expect([file.label, status]).toEqual([file.label, 206])
      expect(bytes.length).toBe(16)
    }
  })

  it('rejects a wrong secret as SignatureMismatch without echoing it', async () => {
    const wrong = clientFor(emulator, {
      kind: 'access-key',
      accessKeyId: emulator.accessKeyId,
      accessKeySecret: 'not-the-secret',
    })
    const error: unknown = await wrong
      .getVideoInfo(emulator.library.roles.normalWithHdMp4)
      .catch((thrown: unknown) => thrown)
    expect(error).toMatchObject({ code: 'SignatureMismatch', serverCode: 'SignatureDoesNotMatch' })
    expect(String((error as Error).message)).not.toContain('not-the-secret')
    expect((error as { requestId?: string }).requestId).toBeTruthy()
  })

  it('rejects an unknown AccessKey id as InvalidAccessKey', async () => {
    const unknown = clientFor(emulator, {
      kind: 'access-key',
      accessKeyId: 'LTAI5tNoSuchKey000000000',
      accessKeySecret: 'x',
    })
    await expect(unknown.getVideoInfo('v')).rejects.toMatchObject({ code: 'InvalidAccessKey' })
  })

  it('reports an unknown media id as NotFound', async () => {
    await expect(client.getVideoInfo('0123456789abcdef0123456789abcdef')).rejects.toMatchObject({
      code: 'NotFound',
      serverCode: 'InvalidVideo.NotFound',
    })
    await expect(
      client.getPlayInfo({ videoId: '0123456789abcdef0123456789abcdef' }),
    ).rejects.toMatchObject({ code: 'NotFound' })
  })

  it('retries throttled calls inside the client, then succeeds', async () => {
    const sleeps: number[] = []
    const patient = clientFor(emulator, undefined, sleeps)
    emulator.failNext('GetVideoInfo', { code: 'Throttling.User', status: 400, count: 2 })
    const before = emulator.log.length
    const info = await patient.getVideoInfo(emulator.library.roles.normalWithHdMp4)
    expect(info.videoId).toBe(emulator.library.roles.normalWithHdMp4)
    const calls = emulator.log.slice(before).filter((entry) => entry.action === 'GetVideoInfo')
    expect(calls.map((entry) => entry.status)).toEqual([400, 400, 200])
    expect(sleeps).toHaveLength(2)
    expect(sleeps[1]!).toBeGreaterThanOrEqual(sleeps[0]! / 2)
  })

  it('sends a replayed call again with a fresh nonce, and rides out a 503 and a 500', async () => {
    const sleeps: number[] = []
    const patient = clientFor(emulator, undefined, sleeps)
    const videoId = emulator.library.roles.normalWithHdMp4
    emulator.failNext('GetMezzanineInfo', { code: 'SignatureNonceUsed', status: 400 })
    emulator.failNext('GetMezzanineInfo', { code: 'ServiceUnavailable', status: 503 })
    emulator.failNext('GetPlayInfo', { code: 'InternalError', status: 500 })
    const before = emulator.log.length
    const mezzanine = await patient.getMezzanineInfo({ videoId })
    const play = await patient.getPlayInfo({ videoId })
    expect(mezzanine.videoId).toBe(videoId)
    expect(play.playInfos.length).toBeGreaterThan(0)
    const statuses = emulator.log
      .slice(before)
      .filter((entry) => entry.kind === 'api')
      .map((entry) => [entry.action, entry.status])
    expect(statuses).toEqual([
      ['GetMezzanineInfo', 400],
      ['GetMezzanineInfo', 503],
      ['GetMezzanineInfo', 200],
      ['GetPlayInfo', 500],
      ['GetPlayInfo', 200],
    ])
    expect(sleeps).toHaveLength(3)
  })

  it('refuses a rendition that only the Aliyun player can play', async () => {
    const media = emulator.library.findMedia(emulator.library.roles.proprietaryOnly)!
    const stream = media.streams[0]!
    const resolver = new VodSourceResolver({
      client,
      settings: () => ({ defaultAuthTimeoutSeconds: 3600 }),
      clock: { now: Date.now },
    })
    await expect(
      resolver.resolve(
        vodSource({
          mediaId: media.id,
          mediaType: 'video',
          kind: 'rendition',
          outputType: 'cdn',
          definition: stream.definition,
          format: stream.format,
        }),
        initial,
      ),
    ).rejects.toMatchObject({ code: 'ProprietaryEncryption' })
  })

  it('reports expired STS credentials as SecurityTokenExpired', async () => {
    const sts = emulator.issueStsCredentials(60)
    const temporary = clientFor(emulator, {
      kind: 'sts',
      accessKeyId: sts.accessKeyId,
      accessKeySecret: sts.accessKeySecret,
      securityToken: sts.securityToken,
    })
    const videoId = emulator.library.roles.normalWithHdMp4
    await expect(temporary.getVideoInfo(videoId)).resolves.toMatchObject({ videoId })
    // Past the token's life, well inside the 15-minute timestamp window.
    emulator.setClockOffsetMs(120_000)
    try {
      await expect(temporary.getVideoInfo(videoId)).rejects.toMatchObject({
        code: 'SecurityTokenExpired',
        serverCode: 'InvalidSecurityToken.Expired',
      })
    } finally {
      emulator.setClockOffsetMs(0)
    }
  })
})

describe('VOD resolver against the emulator', () => {
  let emulator: RunningEmulator
  let resolver: VodSourceResolver
  let offsetMs = 0

  beforeAll(async () => {
    // The CDN domain refuses requests without an allowed Referer: CDN fetches below work only
    // because the resolver adds the configured one.
    emulator = await startEmulator({
      maxUrlLifetimeSeconds: 2,
      cdn: { refererAllowList: ['example.com'], allowEmptyReferer: false },
    })
    resolver = new VodSourceResolver({
      client: clientFor(emulator),
      settings: () => ({ defaultAuthTimeoutSeconds: 3600, referer: 'https://www.example.com/' }),
      // The resolver's clock follows the emulator's, as a real clock follows the server's.
      clock: { now: () => Date.now() + offsetMs },
    })
  })

  afterAll(async () => {
    await emulator.close()
  })

  function skipAhead(ms: number): void {
    offsetMs += ms
    emulator.setClockOffsetMs(offsetMs)
  }

  it('resolves the source to its bytes, with the size and MD5 it vouches for', async () => {
    const video = emulator.library.findMedia(emulator.library.roles.normalWithHdMp4)!
    const lease = await resolver.resolve(
      vodSource({ mediaId: video.id, mediaType: 'video', kind: 'source', outputType: 'oss' }),
      initial,
    )
    expect(lease.suggestedName).toBe(video.source.fileName)
    expect(lease.identity?.size).toBe(video.source.size)
    const body = Buffer.from(await (await fetch(lease.url)).arrayBuffer())
    expect(body.length).toBe(video.source.size)
    expect(createHash('md5').update(body).digest('hex')).toBe(lease.identity?.md5)
  })

  it('resolves the HD mp4 rendition, cover, snapshot and image to working URLs', async () => {
    const { roles } = emulator.library
    const video = emulator.library.findMedia(roles.normalWithHdMp4)!
    const hd = video.streams.find(
      (stream) => stream.definition === 'HD' && stream.format === 'mp4',
    )!
    const base = { mediaId: video.id, mediaType: 'video', outputType: 'cdn' } as const

    const rendition = await resolver.resolve(
      vodSource({ ...base, kind: 'rendition', definition: 'HD', format: 'mp4', jobId: hd.jobId }),
      initial,
    )
    expect(rendition.identity).toEqual({
      size: hd.size,
      version: `${hd.jobId}@${new Date(hd.modificationTime).toISOString().replace(/\.\d{3}Z$/, 'Z')}`,
    })
    const renditionBytes = await firstBytes(rendition)
    expect(renditionBytes.status).toBe(206)
    expect(renditionBytes.bytes.subarray(4, 8).toString('latin1')).toBe('ftyp')

    for (const reference of [
      { ...base, kind: 'cover' as const },
      { ...base, kind: 'snapshot' as const, index: 1 },
    ]) {
      const { status, bytes } = await firstBytes(
        await resolver.resolve(vodSource(reference), initial),
      )
      expect([reference.kind, status]).toEqual([reference.kind, 206])
      expect(bytes.subarray(0, 2)).toEqual(jpegStart)
    }

    const imageBase = { mediaId: roles.image, mediaType: 'image', outputType: 'cdn' } as const
    for (const kind of ['image', 'image-original'] as const) {
      const lease = await resolver.resolve(vodSource({ ...imageBase, kind }), initial)
      const { status, bytes } = await firstBytes(lease)
      expect([kind, status, bytes.length]).toEqual([kind, 206, 16])
    }
  })

  it("keeps to the allowed lifetime of a bucket of the account's own instead of failing", async () => {
    const reference: VodFileReference = {
      mediaId: emulator.library.roles.ownBucketSource,
      mediaType: 'video',
      kind: 'source',
      outputType: 'oss',
      authTimeout: 604_800,
    }
    const asked = () =>
      emulator.log
        .filter((entry) => entry.action === 'GetMezzanineInfo')
        .map((entry) => entry.status)
    const before = asked().length
    const lease = await resolver.resolve(vodSource(reference), initial)
    expect(asked().slice(before)).toEqual([400, 200])
    expect((await firstBytes(lease)).status).toBe(206)
    // The renewal asks for the allowed maximum straight away.
    await resolver.resolve(vodSource(reference), initial)
    expect(asked().slice(before)).toEqual([400, 200, 200])
  })

  it('sends the Referer to CDN addresses only, and gets OSS for an input-bucket source', async () => {
    const { roles, inputBucket } = emulator.library
    const rendition = await resolver.resolve(
      vodSource({
        mediaId: roles.normalWithHdMp4,
        mediaType: 'video',
        kind: 'rendition',
        outputType: 'cdn',
        definition: 'HD',
        format: 'mp4',
      }),
      initial,
    )
    expect(rendition.url).toContain('/cdn/')
    expect(rendition.headers).toEqual({ Referer: 'https://www.example.com/' })
    expect((await firstBytes({ url: rendition.url })).status).toBe(403)

    const source = await resolver.resolve(
      vodSource({
        mediaId: roles.inputBucketSource,
        mediaType: 'video',
        kind: 'source',
        outputType: 'cdn',
      }),
      initial,
    )
    expect(source.url).toContain(`/oss/${inputBucket}/`)
    expect(source.headers).toBeUndefined()
    expect((await firstBytes(source)).status).toBe(206)
  })

  it('gives a fresh working URL with the same identity once the first has expired', async () => {
    const video = emulator.library.findMedia(emulator.library.roles.normalWithHdMp4)!
    for (const reference of [
      {
        mediaId: video.id,
        mediaType: 'video',
        kind: 'rendition',
        outputType: 'cdn',
        definition: 'HD',
        format: 'mp4',
      },
      { mediaId: video.id, mediaType: 'video', kind: 'source', outputType: 'oss' },
    ] satisfies VodFileReference[]) {
      const first = await resolver.resolve(vodSource(reference), initial)
      expect(first.expiresAt).toBeGreaterThan(Date.now() + offsetMs)
      expect(first.expiresAt).toBeLessThanOrEqual(Date.now() + offsetMs + 3000)
      expect((await firstBytes(first)).status).toBe(206)

      skipAhead(5000)
      expect((await firstBytes(first)).status).toBe(403)

      const second = await resolver.resolve(vodSource(reference), { ...initial, reason: 'expired' })
      expect(second.url).not.toBe(first.url)
      expect(second.identity).toEqual(first.identity)
      expect(second.expiresAt).toBeGreaterThan(first.expiresAt!)
      expect((await firstBytes(second)).status).toBe(206)
    }
  })
})

describe('SearchMedia traversal against the emulator', () => {
  let emulator: RunningEmulator

  beforeAll(async () => {
    emulator = await startEmulator({ extraVideos: 5200 })
  })

  afterAll(async () => {
    await emulator.close()
  })

  it('walks past the 5,000-result window with the ScrollToken and stops cleanly', async () => {
    const client = clientFor(emulator)
    const seen = new Set<string>()
    for await (const item of client.searchAll({
      searchType: 'video',
      sortBy: 'CreationTime:Asc',
    })) {
      seen.add(item.mediaId)
    }
    const expected = emulator.library.videos.length
    expect(expected).toBeGreaterThan(5000)
    expect(seen.size).toBe(expected)
    const searches = emulator.log.filter((entry) => entry.action === 'SearchMedia')
    expect(searches.length).toBe(Math.ceil(expected / 100) + (expected % 100 === 0 ? 1 : 0))
    expect(searches.every((entry) => entry.status === 200)).toBe(true)
  })
})

describe('SearchMedia past its limits against the emulator', () => {
  let emulator: RunningEmulator

  beforeAll(async () => {
    emulator = await startEmulator({
      extraImages: 5100,
      extraImageBytes: 1024,
      extraVideos: 300,
      scrollTokenLifetimeSeconds: 1,
    })
  })

  afterAll(async () => {
    await emulator.close()
  })

  it('enumerates more than 5,000 images, each once, by creation-time windows', async () => {
    const client = clientFor(emulator)
    const seen: string[] = []
    for await (const item of client.searchAll({ searchType: 'image', fields: ['Title'] })) {
      seen.push(item.mediaId)
    }
    const expected = emulator.library.images.length
    expect(expected).toBeGreaterThan(5000)
    expect(seen).toHaveLength(expected)
    expect(new Set(seen).size).toBe(expected)
    const searches = emulator.log.filter((entry) => entry.action === 'SearchMedia')
    expect(searches.every((entry) => entry.status === 200)).toBe(true)
  })

  it('resumes after the last item seen when the ScrollToken expires mid-traversal', async () => {
    const client = clientFor(emulator)
    const seen: string[] = []
    const before = emulator.log.length
    for await (const item of client.searchAll({ searchType: 'video', pageSize: 50 })) {
      seen.push(item.mediaId)
      // A consumer that pauses longer than the token lives (one second here).
      if (seen.length === 120) await new Promise((resolve) => setTimeout(resolve, 1_200))
    }
    const expected = emulator.library.videos.length
    expect(seen).toHaveLength(expected)
    expect(new Set(seen).size).toBe(expected)
    const statuses = emulator.log
      .slice(before)
      .filter((entry) => entry.action === 'SearchMedia')
      .map((entry) => entry.status)
    expect(statuses.filter((status) => status === 400)).toHaveLength(1)
  })
})
