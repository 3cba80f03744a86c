import { describe, expect, it } from 'vitest'
import { VodClient } from '../../../src/main/vod/client'
import {
  VodSourceResolver,
  type VodResolverSettings,
} from '../../../src/main/vod/vod-source-resolver'
import type { VodSource } from '../../../src/shared/jobs'
import type { VodFileReference } from '../../../src/shared/vod'
import { FakeTransport } from './fake-transport'
import {
  getImageInfoReply,
  getMezzanineInfoReply,
  getPlayInfoReply,
  getVideoInfoReply,
  imageId,
  listSnapshotsReply,
  videoId,
} from './fixtures'

const now = Date.UTC(2024, 0, 1)
const context = { reason: 'initial' as const, signal: new AbortController().signal }

function resolverFor(transport: FakeTransport, settings: Partial<VodResolverSettings> = {}) {
  return new VodSourceResolver({
    client: new VodClient({ transport }),
    settings: () => ({ defaultAuthTimeoutSeconds: 3600, ...settings }),
    clock: { now: () => now },
  })
}

function source(reference: Partial<VodFileReference>, headers?: Record<string, string>): VodSource {
  return {
    kind: 'vod',
    reference: {
      mediaId: videoId,
      mediaType: 'video',
      kind: 'source',
      outputType: 'cdn',
      ...reference,
    },
    ...(headers ? { headers } : {}),
  }
}

describe('VodSourceResolver', () => {
  it('resolves a source with its checksum identity and no Referer on an OSS address', async () => {
    const transport = new FakeTransport().on('GetMezzanineInfo', () => getMezzanineInfoReply)
    const lease = await resolverFor(transport, { referer: 'https://example.com/' }).resolve(
      source({ kind: 'source' }),
      context,
    )
    expect(lease).toEqual({
      url: getMezzanineInfoReply.Mezzanine.FileURL,
      expiresAt: 1_893_456_000_000,
      identity: { size: 10_897_890, md5: 'd41d8cd98f00b204e9800998ecf8427e' },
      suggestedName: 'cat master.mov',
    })
    expect(transport.callsOf('GetMezzanineInfo')).toEqual([
      { VideoId: videoId, OutputType: 'cdn', AuthTimeout: '3600' },
    ])
  })

  it('asks again with the long lifetime for a large source, and at once next time', async () => {
    const large = {
      ...getMezzanineInfoReply,
      Mezzanine: { ...getMezzanineInfoReply.Mezzanine, Size: 3 * 1024 ** 3 },
    }
    const transport = new FakeTransport().on('GetMezzanineInfo', () => large)
    const resolver = resolverFor(transport)
    await resolver.resolve(source({ kind: 'source' }), context)
    await resolver.resolve(source({ kind: 'source' }), { ...context, reason: 'expired' })
    expect(transport.callsOf('GetMezzanineInfo').map((query) => query.AuthTimeout)).toEqual([
      '3600',
      '2592000',
      '2592000',
    ])
  })

  it('resolves a rendition by job id with a version identity and the Referer for CDN', async () => {
    const transport = new FakeTransport().on('GetPlayInfo', () => getPlayInfoReply)
    const lease = await resolverFor(transport, { referer: 'https://example.com/' }).resolve(
      source(
        {
          kind: 'rendition',
          definition: 'HD',
          format: 'mp4',
          jobId: 'job-hd-mp4-old',
          streamType: 'video',
        },
        { 'X-Extra': '1' },
      ),
      context,
    )
    expect(lease).toEqual({
      url: 'http://vod.example.com/sv/hd-old.mp4?auth_key=1893456000-0-0-80cd3862d699b7118eed99103f2a3a4f',
      expiresAt: 1_893_456_000_000,
      headers: { 'X-Extra': '1', Referer: 'https://example.com/' },
      identity: { size: 39_000_000, version: 'job-hd-mp4-old@2023-12-01T00:00:00Z' },
      suggestedName: '猫咪 Demo.HD.mp4',
    })
    expect(transport.callsOf('GetPlayInfo')).toEqual([
      {
        VideoId: videoId,
        Definition: 'HD',
        Formats: 'mp4',
        StreamType: 'video',
        ResultType: 'Multiple',
        OutputType: 'cdn',
        AuthTimeout: '3600',
      },
    ])
  })

  it('refuses a proprietary-encrypted rendition', async () => {
    const transport = new FakeTransport().on('GetPlayInfo', () => getPlayInfoReply)
    await expect(
      resolverFor(transport).resolve(
        source({ kind: 'rendition', definition: 'HD', format: 'm3u8' }),
        context,
      ),
    ).rejects.toMatchObject({ code: 'ProprietaryEncryption' })
  })

  it('passes the HLS URI token in PlayConfig', async () => {
    const transport = new FakeTransport().on('GetPlayInfo', () => getPlayInfoReply)
    await resolverFor(transport, { mtsHlsUriToken: 'tok' }).resolve(
      source({ kind: 'rendition', definition: 'LD', format: 'm3u8' }),
      context,
    )
    expect(transport.callsOf('GetPlayInfo')[0]?.PlayConfig).toBe('{"MtsHlsUriToken":"tok"}')
  })

  it('resolves the cover through GetVideoInfo', async () => {
    const transport = new FakeTransport().on('GetVideoInfo', () => getVideoInfoReply)
    const lease = await resolverFor(transport).resolve(source({ kind: 'cover' }), context)
    expect(lease).toMatchObject({
      url: getVideoInfoReply.Video.CoverURL,
      suggestedName: '猫咪 Demo.cover.jpg',
    })
  })

  it('finds a snapshot by its index across pages, and reports a missing one', async () => {
    const transport = new FakeTransport().on('ListSnapshots', (query) => {
      const start = (Number(query.PageNo) - 1) * 100
      const count = Math.max(0, Math.min(100, 150 - start))
      const urls = Array.from(
        { length: count },
        (_, i) => `http://vod.example.com/snapshot/${start + i + 1}.jpg`,
      )
      return listSnapshotsReply(urls, 150, start + 1)
    })
    const resolver = resolverFor(transport)
    const lease = await resolver.resolve(source({ kind: 'snapshot', index: 120 }), context)
    expect(lease).toMatchObject({
      url: 'http://vod.example.com/snapshot/120.jpg',
      suggestedName: `${videoId}.snapshot-120.jpg`,
    })
    expect(
      transport.callsOf('ListSnapshots').map((query) => [query.SnapshotType, query.PageNo]),
    ).toEqual([
      ['NormalSnapshot', '1'],
      ['NormalSnapshot', '2'],
    ])
    await expect(
      resolver.resolve(source({ kind: 'sprite', index: 999 }), context),
    ).rejects.toMatchObject({
      code: 'NotFound',
    })
  })

  it('resolves an image and its original (always OSS, with its size)', async () => {
    const transport = new FakeTransport().on('GetImageInfo', () => getImageInfoReply)
    const resolver = resolverFor(transport)
    const image = source({ mediaId: imageId, mediaType: 'image', kind: 'image' })
    expect(await resolver.resolve(image, context)).toMatchObject({
      url: getImageInfoReply.ImageInfo.URL,
      suggestedName: 'poster.png',
    })
    const original = await resolver.resolve(
      source({ mediaId: imageId, mediaType: 'image', kind: 'image-original' }),
      context,
    )
    expect(original).toMatchObject({
      url: getImageInfoReply.ImageInfo.Mezzanine.FileURL,
      identity: { size: 204_800 },
    })
    expect(transport.callsOf('GetImageInfo').map((query) => query.OutputType)).toEqual([
      'cdn',
      'oss',
    ])
  })

  it('describes a source without any URL', () => {
    const resolver = resolverFor(new FakeTransport())
    expect(resolver.describe(source({ kind: 'rendition', definition: 'HD', format: 'mp4' }))).toBe(
      `${videoId} · HD mp4`,
    )
    expect(resolver.kind).toBe('vod')
    expect(resolver.canRefresh).toBe(true)
  })

  it('stops at once when the job is canceled', async () => {
    const controller = new AbortController()
    controller.abort()
    await expect(
      resolverFor(new FakeTransport()).resolve(source({}), {
        reason: 'initial',
        signal: controller.signal,
      }),
    ).rejects.toMatchObject({ code: 'Canceled' })
  })
})
