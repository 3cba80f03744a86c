import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DemoMedia, RunningEmulator } from '../../src/emulator/index'
import { startEmulator } from '../../src/emulator/index'
import type { Body, TeaError } from './helpers'
import {
  anyArray,
  anyNumber,
  anyString,
  arrayWith,
  bytesOf,
  containing,
  matching,
  objectWith,
  teaCall,
  teaClient,
} from './helpers'

/** Response shapes per action, as the SDK models expect them (wrapped vs bare arrays). */

let emulator: RunningEmulator
let call: (action: string, query?: Record<string, string>) => Promise<Body>

beforeAll(async () => {
  emulator = await startEmulator({ largeSourceBytes: 2 * 1024 * 1024 + 7 })
  const client = teaClient(emulator)
  call = async (action, query = {}) => (await teaCall(client, action, query)).body
})

afterAll(async () => {
  await emulator.close()
})

async function failure(action: string, query: Record<string, string>): Promise<TeaError> {
  const error: unknown = await call(action, query).then(
    () => undefined,
    (rejection: unknown) => rejection,
  )
  expect(error, `${action} should have failed`).toBeDefined()
  return error as TeaError
}

function video(id: string): DemoMedia {
  const media = emulator.library.findMedia(id)
  if (!media) throw new Error(`no media ${id}`)
  return media
}

type PlayInfo = Record<string, unknown> & { PlayURL: string; Size: number; Status: string }

function playInfos(body: Body): PlayInfo[] {
  return (body.PlayInfoList as { PlayInfo: PlayInfo[] }).PlayInfo
}

describe('the demo library', () => {
  it('has the advertised variety', () => {
    const { library } = emulator
    expect(library.videos.length).toBeGreaterThanOrEqual(40)
    expect(library.audios).toHaveLength(5)
    expect(library.images).toHaveLength(30)
    expect(new Set(library.videos.map((media) => media.status))).toEqual(
      new Set([
        'Normal',
        'Transcoding',
        'Checking',
        'Blocked',
        'UploadSucc',
        'TranscodeFail',
        'Uploading',
        'ProduceFail',
      ]),
    )
    expect(library.videos.some((media) => /[\u4e00-\u9fff]/.test(media.title))).toBe(true)
    expect(library.vodBucket).toMatch(/^outin-[0-9a-f]{32}$/)
    expect(library.inputBucket).toMatch(/^in-[0-9a-f]{32}$/)
    const hd = video(library.roles.normalWithHdMp4)
    expect(hd.streams.some((stream) => stream.definition === 'HD' && stream.format === 'mp4')).toBe(
      true,
    )
    expect(
      video(library.roles.proprietaryOnly).streams.every(
        (s) => s.encryptType === 'AliyunVoDEncryption',
      ),
    ).toBe(true)
    expect(video(library.roles.inputBucketSource).source.object.bucket).toBe(library.inputBucket)
    expect(library.roles.largeSources).toHaveLength(3)
    expect(video(library.roles.largeSources[0] ?? '').source).toMatchObject({
      synthetic: true,
      size: 2 * 1024 * 1024 + 7,
    })
  })

  it('is the same on every start', async () => {
    const again = await startEmulator()
    try {
      expect(again.library.videos.map((media) => media.id)).toEqual(
        emulator.library.videos.map((media) => media.id),
      )
      expect(again.library.roles.normalWithHdMp4).toBe(emulator.library.roles.normalWithHdMp4)
    } finally {
      await again.close()
    }
  })
})

describe('GetPlayInfo', () => {
  it('wraps streams in PlayInfoList.PlayInfo and reports sizes equal to the bytes served', async () => {
    const body = await call('GetPlayInfo', { VideoId: emulator.library.roles.normalWithHdMp4 })
    expect(body.VideoBase).toMatchObject({
      VideoId: emulator.library.roles.normalWithHdMp4,
      Title: '产品发布会 2026 主会场',
      Duration: anyString,
      Status: 'Normal',
      MediaType: 'video',
    })
    const streams = playInfos(body)
    expect(
      streams.map((stream) => `${String(stream.Definition)}/${String(stream.Format)}`),
    ).toEqual(arrayWith(['FD/mp4', 'LD/mp4', 'SD/mp4', 'HD/mp4', '2K/mp4', 'SD/m3u8']))
    for (const stream of streams.filter((item) => item.Format === 'mp4')) {
      expect(stream).toMatchObject({
        Size: anyNumber,
        Bitrate: matching(/^\d+\.\d{3}$/),
        Width: anyNumber,
        Fps: '25',
        Encrypt: 0,
        StreamType: 'video',
        JobId: matching(/^[0-9a-f]{32}$/),
        CreationTime: matching(/Z$/),
      })
      const response = await fetch(stream.PlayURL)
      expect(response.status).toBe(200)
      expect((await bytesOf(response)).length).toBe(stream.Size)
    }
  })

  it('filters by Formats, Definition and StreamType', async () => {
    const id = emulator.library.roles.withAudioStreams
    const mp4Hd = playInfos(
      await call('GetPlayInfo', { VideoId: id, Formats: 'mp4', Definition: 'HD,SD' }),
    )
    expect(mp4Hd.map((stream) => stream.Definition).sort()).toEqual(['HD', 'SD'])
    const audio = playInfos(await call('GetPlayInfo', { VideoId: id, StreamType: 'audio' }))
    expect(audio.map((stream) => [stream.Definition, stream.Format])).toEqual([
      ['SQ', 'mp3'],
      ['HQ', 'mp3'],
    ])
    const error = await failure('GetPlayInfo', { VideoId: id, Formats: 'flv' })
    expect(error).toMatchObject({ code: 'InvalidVideo.NoneStream', statusCode: 404 })
  })

  it('shows Invisible older streams only with ResultType=Multiple', async () => {
    const id = emulator.library.roles.withInvisibleStreams
    const single = playInfos(await call('GetPlayInfo', { VideoId: id }))
    expect(single.every((stream) => stream.Status === 'Normal')).toBe(true)
    const multiple = playInfos(await call('GetPlayInfo', { VideoId: id, ResultType: 'Multiple' }))
    const invisible = multiple.filter((stream) => stream.Status === 'Invisible')
    expect(invisible.map((stream) => stream.Definition).sort()).toEqual(['HD', 'SD'])
    const currentSd = single.find((stream) => stream.Definition === 'SD' && stream.Format === 'mp4')
    const olderSd = invisible.find((stream) => stream.Definition === 'SD')
    expect(olderSd?.JobId).not.toBe(currentSd?.JobId)
    expect(olderSd?.Size).not.toBe(currentSd?.Size)
  })

  it('refuses proprietary-only videos unless ResultType=Multiple', async () => {
    const id = emulator.library.roles.proprietaryOnly
    const error = await failure('GetPlayInfo', { VideoId: id })
    expect(error).toMatchObject({ code: 'Forbidden.AliyunVoDEncryption', statusCode: 403 })
    const multiple = playInfos(await call('GetPlayInfo', { VideoId: id, ResultType: 'Multiple' }))
    expect(multiple.every((stream) => stream.EncryptType === 'AliyunVoDEncryption')).toBe(true)
    const mixed = playInfos(
      await call('GetPlayInfo', { VideoId: emulator.library.roles.proprietaryAndPlain }),
    )
    expect(mixed.some((stream) => stream.EncryptType === 'AliyunVoDEncryption')).toBe(false)
  })

  it('reports HLS encryption and passes MtsHlsUriToken on', async () => {
    const body = await call('GetPlayInfo', {
      VideoId: emulator.library.roles.hlsEncrypted,
      Formats: 'm3u8',
      PlayConfig: JSON.stringify({ MtsHlsUriToken: 'token-1' }),
    })
    const encrypted = playInfos(body).find((stream) => stream.Encrypt === 1)
    expect(encrypted).toMatchObject({
      EncryptType: 'HLSEncryption',
      Format: 'm3u8',
      Definition: 'LD',
    })
    expect(encrypted?.PlayURL).toContain('MtsHlsUriToken=token-1')
    expect(playInfos(body).some((stream) => stream.Encrypt === 0)).toBe(true)
  })

  it('returns OSS URLs with OutputType=oss and honours ReAuthInfo', async () => {
    const id = emulator.library.roles.normalWithHdMp4
    const oss = playInfos(
      await call('GetPlayInfo', { VideoId: id, OutputType: 'oss', Formats: 'mp4' }),
    )
    expect(oss[0]?.PlayURL).toMatch(
      /\/oss\/outin-[0-9a-f]+\/.+\?Expires=\d+&OSSAccessKeyId=.+&Signature=/,
    )
    const cdn = playInfos(
      await call('GetPlayInfo', {
        VideoId: id,
        ReAuthInfo: JSON.stringify({ uid: '42', rand: 'abc' }),
      }),
    )
    expect(cdn[0]?.PlayURL).toMatch(/auth_key=\d+-abc-42-[0-9a-f]{32}$/)
  })

  it('plays audios as mp3 audio streams', async () => {
    const streams = playInfos(await call('GetPlayInfo', { VideoId: emulator.library.roles.audio }))
    expect(streams.map((stream) => [stream.Definition, stream.Format, stream.StreamType])).toEqual([
      ['SQ', 'mp3', 'audio'],
      ['HQ', 'mp3', 'audio'],
    ])
    const bytes = await bytesOf(await fetch(streams[1]?.PlayURL ?? ''))
    expect(bytes.length).toBe(streams[1]?.Size)
  })

  it('refuses videos that are not Normal, and unknown ones', async () => {
    for (const role of ['transcoding', 'checking', 'blocked', 'uploadSucc'] as const) {
      const error = await failure('GetPlayInfo', { VideoId: emulator.library.roles[role] })
      expect(error).toMatchObject({ code: 'Forbidden.IllegalStatus', statusCode: 403 })
    }
    const sourceOnly = await failure('GetPlayInfo', {
      VideoId: emulator.library.roles.inputBucketSource,
    })
    expect(sourceOnly).toMatchObject({ code: 'InvalidVideo.NoneStream', statusCode: 404 })
    const missing = await failure('GetPlayInfo', { VideoId: 'f'.repeat(32) })
    expect(missing).toMatchObject({ code: 'InvalidVideo.NotFound', statusCode: 404 })
  })
})

describe('GetMezzanineInfo', () => {
  it('always addresses an input-bucket source on OSS', async () => {
    const body = await call('GetMezzanineInfo', {
      VideoId: emulator.library.roles.inputBucketSource,
    })
    const mezzanine = body.Mezzanine as Body
    expect(mezzanine.OutputType).toBe('oss')
    expect(String(mezzanine.FileURL)).toContain(`/oss/${emulator.library.inputBucket}/`)
    const response = await fetch(String(mezzanine.FileURL))
    expect(response.status).toBe(200)
    expect((await bytesOf(response)).length).toBe(mezzanine.Size)
  })

  it('reports FileMD5 and CRC64 for some sources, matching the bytes', async () => {
    const withBoth = emulator.library.videos.find(
      (media) => media.source.reportsMd5 && media.source.reportsCrc64 && !media.source.synthetic,
    )
    const body = await call('GetMezzanineInfo', {
      VideoId: withBoth?.id ?? '',
      AdditionType: 'video,audio',
    })
    const mezzanine = body.Mezzanine as Body
    expect(mezzanine).toMatchObject({
      FileMD5: matching(/^[0-9a-f]{32}$/),
      CRC64: matching(/^\d+$/),
      Width: anyNumber,
      Duration: anyString,
      VideoStreamList: [objectWith({ CodecName: 'h264', Width: anyString })],
      AudioStreamList: [objectWith({ CodecName: 'aac' })],
    })
    const response = await fetch(String(mezzanine.FileURL))
    expect(response.headers.get('x-oss-hash-crc64ecma')).toBe(mezzanine.CRC64)
    expect(response.headers.get('etag')).toBe(`"${String(mezzanine.FileMD5).toUpperCase()}"`)
  })

  it('describes a large synthetic master', async () => {
    const id = emulator.library.roles.largeSources[1] ?? ''
    const mezzanine = (await call('GetMezzanineInfo', { VideoId: id, OutputType: 'oss' }))
      .Mezzanine as Body
    expect(mezzanine.Size).toBe(2 * 1024 * 1024 + 7 + 4097)
    expect(mezzanine.FileMD5).toMatch(/^[0-9a-f]{32}$/)
    expect(mezzanine).not.toHaveProperty('CRC64')
  })

  it('omits analysis fields before transcoding', async () => {
    const mezzanine = (
      await call('GetMezzanineInfo', { VideoId: emulator.library.roles.uploadSucc })
    ).Mezzanine as Body
    expect(mezzanine).toHaveProperty('Size')
    expect(mezzanine).not.toHaveProperty('Width')
    expect(mezzanine).not.toHaveProperty('Duration')
  })
})

describe('GetVideoInfo, GetVideoInfos and GetVideoList', () => {
  it('GetVideoInfo wraps Snapshots; Duration and Size are numbers', async () => {
    const body = await call('GetVideoInfo', { VideoId: emulator.library.roles.normalWithHdMp4 })
    expect(body.Video).toMatchObject({
      Duration: anyNumber,
      Size: anyNumber,
      CateId: anyNumber,
      Snapshots: { Snapshot: anyArray },
      CoverURL: containing('/cdn/'),
    })
  })

  it('GetVideoInfos returns bare arrays and lists missing ids', async () => {
    const ids = [
      emulator.library.roles.normalWithHdMp4,
      emulator.library.roles.blocked,
      'missing-id',
    ]
    const body = await call('GetVideoInfos', { VideoIds: ids.join(',') })
    const list = body.VideoList as Body[]
    expect(Array.isArray(list)).toBe(true)
    expect(list).toHaveLength(2)
    expect(Array.isArray(list[0]?.Snapshots)).toBe(true)
    expect(body.NonExistVideoIds).toEqual(['missing-id'])
    const tooMany = await failure('GetVideoInfos', {
      VideoIds: Array.from({ length: 21 }, (_, index) => `id${index}`).join(','),
    })
    expect(tooMany.code).toBe('ExceededMax')
  })

  it('GetVideoList wraps VideoList.Video and filters by status', async () => {
    const body = await call('GetVideoList', { Status: 'Checking,Blocked', PageSize: '50' })
    expect(body.Total).toBe(2)
    const items = (body.VideoList as { Video: Body[] }).Video
    expect(items.map((item) => item.Status).sort()).toEqual(['Blocked', 'Checking'])
  })
})

describe('images', () => {
  it('GetImageInfo returns an object with a string FileSize', async () => {
    const body = await call('GetImageInfo', { ImageId: emulator.library.roles.image })
    const info = body.ImageInfo as Body
    expect(info).toMatchObject({
      ImageId: emulator.library.roles.image,
      URL: containing('/cdn/image/default/'),
      Mezzanine: { FileSize: matching(/^\d+$/), Width: anyNumber },
    })
    const bytes = await bytesOf(await fetch(String(info.URL)))
    expect(String(bytes.length)).toBe((info.Mezzanine as Body).FileSize)
  })

  it('GetImageInfos returns a bare ImageInfo array and NonExistImageIds', async () => {
    const ids = emulator.library.images.slice(0, 3).map((image) => image.id)
    const body = await call('GetImageInfos', {
      ImageIds: [...ids, 'nope'].join(','),
      OutputType: 'oss',
    })
    expect(Array.isArray(body.ImageInfo)).toBe(true)
    expect(body.ImageInfo).toHaveLength(3)
    expect(String((body.ImageInfo as Body[])[0]?.URL)).toContain('/oss/')
    expect(body.NonExistImageIds).toEqual(['nope'])
  })

  it('GetImageInfo answers NoSuchResource for an unknown image', async () => {
    expect(await failure('GetImageInfo', { ImageId: 'nope' })).toMatchObject({
      code: 'NoSuchResource',
      statusCode: 404,
    })
  })
})

describe('ListSnapshots', () => {
  it('pages NormalSnapshots with 1-based indexes', async () => {
    const id = emulator.library.roles.manySnapshots
    const page = await call('ListSnapshots', {
      VideoId: id,
      SnapshotType: 'NormalSnapshot',
      PageNo: '2',
      PageSize: '100',
    })
    const snapshot = page.MediaSnapshot as {
      Total: number
      Regular: string
      Snapshots: { Snapshot: Body[] }
    }
    expect(snapshot.Total).toBe(150)
    expect(snapshot.Regular).toContain('{SnapshotCount}')
    expect(snapshot.Snapshots.Snapshot).toHaveLength(50)
    expect(snapshot.Snapshots.Snapshot[0]).toMatchObject({
      Index: 101,
      Url: containing('auth_key='),
    })
  })

  it('serves sprites, their original frames and the WebVTT', async () => {
    const id = emulator.library.roles.normalWithHdMp4
    for (const [type, contentType] of [
      ['SpriteSnapshot', 'image/jpeg'],
      ['SpriteOriginSnapshot', 'image/jpeg'],
      ['WebVttSnapshot', 'text/vtt'],
    ] as const) {
      const snapshot = (await call('ListSnapshots', { VideoId: id, SnapshotType: type }))
        .MediaSnapshot as {
        Snapshots: { Snapshot: Array<{ Url: string }> }
      }
      const url = snapshot.Snapshots.Snapshot[0]?.Url ?? ''
      const response = await fetch(url)
      expect(response.status, type).toBe(200)
      expect(response.headers.get('content-type')).toBe(contentType)
      if (type === 'WebVttSnapshot') {
        const text = await response.text()
        expect(text).toMatch(
          /^WEBVTT\n\n00:00:00.000 --> 00:00:00.400\n.+\.jpg\?auth_key=.+#xywh=0,0,128,72\n/,
        )
        const tile = /\n([^\n]+\.jpg\?auth_key=[^#\n]+)#xywh/.exec(text)?.[1] ?? ''
        expect((await fetch(new URL(tile, url))).status).toBe(200)
      } else {
        await response.arrayBuffer()
      }
    }
  })

  it('answers NoSuchResource (404) for a type without a snapshot job', async () => {
    expect(
      await failure('ListSnapshots', {
        VideoId: emulator.library.roles.hlsEncrypted,
        SnapshotType: 'SpriteSnapshot',
      }),
    ).toMatchObject({ code: 'NoSuchResource', statusCode: 404 })
  })
})

describe('media that is not Normal', () => {
  it('GetVideoInfo and GetVideoInfos answer for every status', async () => {
    const { roles } = emulator.library
    const ids = [
      roles.transcoding,
      roles.checking,
      roles.blocked,
      roles.uploadSucc,
      roles.transcodeFail,
      roles.uploading,
      roles.produceFail,
    ]
    for (const id of ids) {
      const { Video } = (await call('GetVideoInfo', { VideoId: id })) as { Video: Body }
      expect(Video.Status).toBe(video(id).status)
    }
    const batch = await call('GetVideoInfos', { VideoIds: ids.join(',') })
    expect((batch.VideoList as Body[]).map((item) => item.Status)).toEqual(
      ids.map((id) => video(id).status),
    )
    const blocked = (await call('GetVideoInfo', { VideoId: roles.blocked })).Video as Body
    expect(blocked.AuditStatus).toBe('Blocked')
  })

  it('GetPlayInfo plays only Normal videos: Forbidden.IllegalStatus (403) otherwise', async () => {
    const { roles } = emulator.library
    for (const id of [roles.transcoding, roles.checking, roles.blocked, roles.uploadSucc]) {
      const error = await failure('GetPlayInfo', { VideoId: id, ResultType: 'Multiple' })
      expect(error).toMatchObject({ code: 'Forbidden.IllegalStatus', statusCode: 403 })
      expect(error.data?.Message).toBe(
        `Status of the video is illegal. Current Status is ${video(id).status}.`,
      )
    }
    expect(await failure('GetPlayInfo', { VideoId: roles.inputBucketSource })).toMatchObject({
      code: 'InvalidVideo.NoneStream',
      statusCode: 404,
    })
  })

  it('ListSnapshots has data only in UploadSucc, Normal, Checking and Blocked (400 otherwise)', async () => {
    const { roles } = emulator.library
    for (const id of [roles.transcoding, roles.transcodeFail, roles.uploading, roles.produceFail]) {
      expect(
        await failure('ListSnapshots', { VideoId: id, SnapshotType: 'CoverSnapshot' }),
        video(id).status,
      ).toMatchObject({ code: 'Forbidden.IllegalStatus', statusCode: 400 })
    }
    const checking = await call('ListSnapshots', {
      VideoId: roles.checking,
      SnapshotType: 'CoverSnapshot',
    })
    expect((checking.MediaSnapshot as { Total: number }).Total).toBeGreaterThan(0)
    expect(
      await failure('ListSnapshots', { VideoId: roles.uploadSucc, SnapshotType: 'CoverSnapshot' }),
    ).toMatchObject({ code: 'NoSuchResource', statusCode: 404 })
  })

  it('GetMezzanineInfo keeps the source of a transcoding video, and tells Uploading or missing', async () => {
    const { roles } = emulator.library
    const transcoding = (await call('GetMezzanineInfo', { VideoId: roles.transcoding }))
      .Mezzanine as Body
    expect(transcoding).toMatchObject({ Status: 'Normal', FileURL: containing('auth_key=') })
    const uploading = (await call('GetMezzanineInfo', { VideoId: roles.uploading }))
      .Mezzanine as Body
    expect(uploading.Status).toBe('Uploading')
    expect(uploading.Width).toBeUndefined()
    expect(await failure('GetMezzanineInfo', { VideoId: roles.produceFail })).toMatchObject({
      code: 'InvalidFile.NotFound',
      statusCode: 404,
    })
  })
})

describe('SearchMedia', () => {
  it('returns a bare MediaList with only the basic fields unless Fields asks for more', async () => {
    const bare = await call('SearchMedia', { PageSize: '2' })
    const first = (bare.MediaList as Body[])[0]
    expect(first).toMatchObject({
      MediaType: 'video',
      MediaId: anyString,
      CreationTime: anyString,
    })
    expect(Object.keys(first?.Video as Body).sort()).toEqual(['CreationTime', 'VideoId'])
    const rich = await call('SearchMedia', {
      PageSize: '2',
      Fields: 'Title,Snapshots,SpriteSnapshots,Duration',
    })
    const video = (rich.MediaList as Body[])[0]?.Video as Body
    expect(Array.isArray(video.Snapshots)).toBe(true)
    expect(Array.isArray(video.SpriteSnapshots)).toBe(true)
    expect(typeof video.Duration).toBe('number')
  })

  it('sorts by CreationTime, newest first by default', async () => {
    const list = (await call('SearchMedia', { PageSize: '20' })).MediaList as Body[]
    const times = list.map((item) => Date.parse(String(item.CreationTime)))
    expect(times).toEqual([...times].sort((a, b) => b - a))
    const ascending = (await call('SearchMedia', { PageSize: '20', SortBy: 'CreationTime:Asc' }))
      .MediaList as Body[]
    expect(ascending[0]?.MediaId).toBe(
      emulator.library.videos.toSorted((a, b) => a.creationTime - b.creationTime)[0]?.id,
    )
  })

  it('filters with Match', async () => {
    const lake = await call('SearchMedia', { Match: "Title = 'West Lake'", Fields: 'Title' })
    expect(lake.Total).toBe(1)
    const statuses = await call('SearchMedia', {
      Match: "Status in ('Transcoding','Checking') and CateId = 1000001",
      Fields: 'Status,CateId',
      PageSize: '50',
    })
    for (const item of statuses.MediaList as Body[]) {
      expect(item.Video).toMatchObject({
        CateId: 1000001,
        Status: matching(/Transcoding|Checking/),
      })
    }
    const range = await call('SearchMedia', {
      Match: "CreationTime = ('2025-01-01T00:00:00Z','2025-07-01T00:00:00Z']",
      PageSize: '100',
    })
    for (const item of range.MediaList as Body[]) {
      const time = Date.parse(String(item.CreationTime))
      expect(time).toBeGreaterThan(Date.parse('2025-01-01T00:00:00Z'))
      expect(time).toBeLessThanOrEqual(Date.parse('2025-07-01T00:00:00Z'))
    }
    expect(await failure('SearchMedia', { Match: "Title = 'a' or Title = 'b'" })).toMatchObject({
      code: 'ErrorMatchSyntax',
      statusCode: 400,
    })
  })

  it('searches audios and images', async () => {
    const audio = await call('SearchMedia', { SearchType: 'audio', Fields: 'Title' })
    expect(audio.Total).toBe(5)
    expect((audio.MediaList as Body[])[0]).toMatchObject({
      MediaType: 'audio',
      Audio: { AudioId: anyString },
    })
    const images = await call('SearchMedia', {
      SearchType: 'image',
      Fields: 'Title,URL',
      PageSize: '100',
    })
    expect(images.Total).toBe(30)
    expect(images).not.toHaveProperty('ScrollToken')
    expect((images.MediaList as Body[])[0]).toMatchObject({
      MediaType: 'image',
      Image: { URL: anyString },
    })
  })

  it('caps PageSize at 100', async () => {
    expect(await failure('SearchMedia', { PageSize: '101' })).toMatchObject({
      code: 'InvalidParameter',
    })
  })
})

describe('GetCategories', () => {
  it('lists the level-0 categories for the root and the children of one, wrapped', async () => {
    const root = await call('GetCategories', { PageSize: '100' })
    expect(root.Category).toBeUndefined()
    expect(root.SubTotal).toBe(6)
    const children = (root.SubCategories as { Category: Body[] }).Category
    expect(children).toContainEqual({
      CateId: 1000002,
      CateName: 'Travel 旅行',
      ParentId: -1,
      Level: 0,
      Type: 'default',
      SubTotal: 2,
    })
    const travel = await call('GetCategories', { CateId: '1000002', SortBy: 'CreationTime:Asc' })
    expect(travel.Category).toMatchObject({ CateId: 1000002, Level: 0 })
    expect(
      (travel.SubCategories as { Category: Body[] }).Category.map((entry) => entry.CateId),
    ).toEqual([1000201, 1000202])
    const domestic = await call('GetCategories', { CateId: '1000201' })
    expect((domestic.SubCategories as { Category: Body[] }).Category).toEqual([
      objectWith({ CateId: 1000211, ParentId: 1000201, Level: 2, SubTotal: 0 }),
    ])
  })

  it('pages the children and refuses an unknown category', async () => {
    const first = await call('GetCategories', { PageSize: '4', PageNo: '2' })
    expect((first.SubCategories as { Category: Body[] }).Category).toHaveLength(2)
    const error = await failure('GetCategories', { CateId: '42' })
    expect(error.code).toBe('InvalidParameter')
    const material = await call('GetCategories', { Type: 'material' })
    expect(material.SubTotal).toBe(0)
  })

  it('files media under sub-categories, which SearchMedia filters by exact CateId', async () => {
    const body = await call('SearchMedia', {
      Match: 'CateId = 1000211',
      Fields: 'Title,CateId,CateName',
      PageSize: '50',
    })
    expect(body.Total).toBe(2)
    const either = await call('SearchMedia', {
      Match: '(CateId = 1000211 or CateId = 1000201)',
      PageSize: '50',
    })
    expect(either.Total).toBe(3)
  })
})

describe('GetPlayInfo PlayConfig.PlayDomain', () => {
  it('signs stream addresses on a further CDN domain, and falls back to the default one', async () => {
    const withDomains = await startEmulator({ playDomains: ['media.example.com'] })
    try {
      const client = teaClient(withDomains)
      const videoId = withDomains.library.roles.normalWithHdMp4
      const ask = async (domain: string) =>
        playInfos(
          (
            await teaCall(client, 'GetPlayInfo', {
              VideoId: videoId,
              Formats: 'mp4',
              PlayConfig: JSON.stringify({ PlayDomain: domain }),
            })
          ).body,
        )
      const picked = await ask('media.example.com')
      expect(picked.every((info) => info.PlayURL.includes('/cdn/~media.example.com/'))).toBe(true)
      const response = await fetch(picked[0]?.PlayURL ?? '', { headers: { Range: 'bytes=0-3' } })
      expect(response.status).toBe(206)
      // A domain the storage does not have: the default domain answers.
      const unknown = await ask('other.example.com')
      expect(unknown.every((info) => /\/cdn\/(?!~)/.test(info.PlayURL))).toBe(true)
      // A further domain's signature does not open the default domain's path.
      const moved = (picked[0]?.PlayURL ?? '').replace('/cdn/~media.example.com/', '/cdn/')
      expect((await fetch(moved)).status).toBe(403)
    } finally {
      await withDomains.close()
    }
  })
})

describe('DASH and HDR renditions', () => {
  it('lists a DASH rendition whose MPD is served, and the HDRType of an HDR stream', async () => {
    const body = await call('GetPlayInfo', {
      VideoId: emulator.library.roles.dashAndHdr,
      ResultType: 'Multiple',
    })
    const infos = playInfos(body)
    const dash = infos.find((info) => info.Format === 'mpd')
    expect(dash).toMatchObject({ Definition: 'SD', Size: anyNumber })
    const response = await fetch(dash?.PlayURL ?? '')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/dash+xml')
    expect(await response.text()).toMatch(
      /<MPD [^>]*type="static"[\s\S]*<BaseURL>[^<]+\.mp4<\/BaseURL>/,
    )
    expect(infos.find((info) => info.Definition === 'HD' && info.Format === 'mp4')).toMatchObject({
      HDRType: 'HDR10',
    })
    expect(infos.find((info) => info.Definition === 'SD' && info.Format === 'mp4')?.HDRType).toBe(
      undefined,
    )
  })
})
