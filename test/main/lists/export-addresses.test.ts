import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator, type RunningEmulator } from '../../../src/emulator/index'
import {
  exportAddresses,
  type AddressExportRequest,
} from '../../../src/main/lists/export-addresses'
import type { ExportItem, ExportRow } from '../../../src/main/lists/export-rows'
import { parseFileChoice } from '../../../src/main/lists/file-choices'
import { lookupMedia } from '../../../src/main/lists/media-lookup'
import type { VodClient } from '../../../src/main/vod/client'
import { createVodClient } from '../../../src/main/vod/create-vod-client'

let emulator: RunningEmulator
let client: VodClient

function clientWith(secret: string): VodClient {
  return createVodClient(() => ({
    credentials: { kind: 'access-key', accessKeyId: emulator.accessKeyId, accessKeySecret: secret },
    regionId: emulator.regionId,
    endpoint: emulator.endpoint,
  }))
}

beforeAll(async () => {
  emulator = await startEmulator()
  client = clientWith(emulator.accessKeySecret)
})

afterAll(async () => {
  await emulator.close()
})

function calls(action: string): number {
  return emulator.log.filter((entry) => entry.kind === 'api' && entry.action === action).length
}

const request: AddressExportRequest = {
  outputType: 'cdn',
  authTimeoutSeconds: 3600,
  concurrency: 8,
}

async function collect(
  items: ExportItem[],
  overrides: Partial<AddressExportRequest> = {},
  api: VodClient = client,
): Promise<ExportRow[][]> {
  const perItem: ExportRow[][] = []
  for await (const rows of exportAddresses(
    items,
    { ...request, ...overrides },
    { client: api, now: Date.now },
  )) {
    perItem.push(rows)
  }
  return perItem
}

describe('exportAddresses against the emulator', () => {
  it('exports a mixed list of ids in order, one call per video and one per 20 images', async () => {
    const { videos, images } = emulator.library
    const unknownId = '0123456789abcdef0123456789abcdef'
    const ids = [
      ...videos.slice(0, 10).map((video) => video.id),
      ...images.map((image) => image.id),
      unknownId,
    ]
    const lookup = await lookupMedia(client, ids)
    expect(lookup.missing).toEqual([unknownId])
    const items = ids.map(
      (mediaId): ExportItem =>
        lookup.found.get(mediaId) ?? { mediaId, mediaType: 'video', missing: true },
    )
    const mezzanineBefore = calls('GetMezzanineInfo')
    const imagesBefore = calls('GetImageInfos')
    const perItem = await collect(items)
    expect(calls('GetMezzanineInfo') - mezzanineBefore).toBe(10)
    expect(calls('GetImageInfos') - imagesBefore).toBe(Math.ceil(images.length / 20))
    expect(perItem.map((rows) => rows[0]?.mediaId)).toEqual(ids)
    const sources = perItem.slice(0, 10).flat()
    expect(sources.every((row) => row.kind === 'source' && row.url && row.expiresAt)).toBe(true)
    expect(sources[0]?.title).toBe(videos[0]?.title)
    expect(sources[0]?.size).toBe(videos[0]?.source.size)
    const imageRows = perItem.slice(10, 10 + images.length).flat()
    expect(imageRows.map((row) => [row.kind, row.title])).toEqual(
      images.map((image) => ['image', image.title]),
    )
    expect(perItem.at(-1)).toEqual([
      expect.objectContaining({
        mediaId: unknownId,
        error: expect.objectContaining({ code: 'NotFound' }) as unknown,
      }),
    ])
  })

  it('exports current renditions only and gives every item that has none a reason', async () => {
    const { roles } = emulator.library
    const ids = [
      roles.withInvisibleStreams,
      roles.proprietaryOnly,
      roles.transcoding,
      roles.inputBucketSource,
    ]
    const lookup = await lookupMedia(client, ids)
    const items = ids.map((mediaId) => lookup.found.get(mediaId) as ExportItem)
    const before = calls('GetPlayInfo')
    const [invisible, proprietary, transcoding, sourceOnly] = await collect(items, {
      choice: parseFileChoice('rendition'),
    })
    expect(calls('GetPlayInfo') - before).toBe(ids.length)
    const normal = emulator.library
      .findMedia(roles.withInvisibleStreams)
      ?.streams.filter((stream) => stream.status === 'Normal')
    expect(invisible?.map((row) => [row.definition, row.format, row.size]).sort()).toEqual(
      normal?.map((stream) => [stream.definition, stream.format, stream.size]).sort(),
    )
    expect(proprietary?.every((row) => row.error?.code === 'ProprietaryEncryption')).toBe(true)
    expect(transcoding?.map((row) => row.error?.code)).toEqual(['IllegalStatus'])
    expect(sourceOnly?.map((row) => row.error?.code)).toEqual(['NoStream'])
  })

  it('records a failed call against its item and goes on', async () => {
    const [first, second] = emulator.library.videos
    const items: ExportItem[] = [first, second].map((video) => ({
      mediaId: video?.id ?? '',
      mediaType: 'video',
      title: video?.title ?? '',
    }))
    // A 500 is sent again (three attempts in all): one that persists fails that item only.
    emulator.failNext('GetMezzanineInfo', { code: 'InternalError', status: 500, count: 3 })
    const perItem = await collect(items, { concurrency: 1 })
    expect(perItem[0]?.[0]?.error?.code).toBe('ServerError')
    expect(perItem[1]?.[0]?.url).toBeTruthy()
  })

  it('stops with Canceled when its signal fires', async () => {
    const controller = new AbortController()
    controller.abort()
    const items: ExportItem[] = emulator.library.videos
      .slice(0, 3)
      .map((video) => ({ mediaId: video.id, mediaType: 'video' }))
    const rows = exportAddresses(items, request, {
      client,
      now: Date.now,
      signal: controller.signal,
    })
    await expect(rows.next()).rejects.toMatchObject({ code: 'Canceled' })
  })

  it('ends the export on a wrong secret instead of writing a row per item', async () => {
    const items: ExportItem[] = emulator.library.videos
      .slice(0, 30)
      .map((video) => ({ mediaId: video.id, mediaType: 'video' }))
    await expect(collect(items, {}, clientWith('not-the-secret'))).rejects.toMatchObject({
      code: 'SignatureMismatch',
    })
  })
})
