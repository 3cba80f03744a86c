import { describe, expect, it } from 'vitest'
import { getImageInfoResponseSchema } from '../../../src/main/vod/actions/get-image-info'
import { getMezzanineInfoResponseSchema } from '../../../src/main/vod/actions/get-mezzanine-info'
import { getPlayInfoResponseSchema } from '../../../src/main/vod/actions/get-play-info'
import { getVideoInfoResponseSchema } from '../../../src/main/vod/actions/get-video-info'
import {
  listSnapshotsResponseSchema,
  type SnapshotList,
  type SnapshotType,
} from '../../../src/main/vod/actions/list-snapshots'
import {
  encryptionOf,
  listDownloadableFiles,
  normalizedCrc64,
  normalizedMd5,
  type PlayableMediaDetails,
} from '../../../src/main/vod/downloadable-files'
import {
  getImageInfoReply,
  getMezzanineInfoReply,
  getPlayInfoReply,
  getVideoInfoReply,
  imageId,
  inputBucketMezzanineReply,
  listSnapshotsReply,
  snapshotUrl,
  videoId,
} from './fixtures'

function snapshotList(type: SnapshotType, word: string, count: number): SnapshotList {
  const page = listSnapshotsResponseSchema.parse(
    listSnapshotsReply(Array.from({ length: count }, (_, index) => snapshotUrl(word, index + 1))),
  )
  return { snapshotType: type, snapshots: page.snapshots }
}

function videoDetails(overrides: Partial<PlayableMediaDetails> = {}): PlayableMediaDetails {
  return {
    mediaType: 'video',
    video: getVideoInfoResponseSchema.parse(getVideoInfoReply),
    mezzanine: getMezzanineInfoResponseSchema.parse(getMezzanineInfoReply),
    playInfos: getPlayInfoResponseSchema.parse(getPlayInfoReply).playInfos,
    snapshots: [
      snapshotList('CoverSnapshot', 'cover', 2),
      snapshotList('NormalSnapshot', 'normal', 2),
      snapshotList('SpriteSnapshot', 'sprite', 1),
      snapshotList('SpriteOriginSnapshot', 'origin', 2),
      snapshotList('WebVttSnapshot', 'webvtt', 1),
    ],
    ...overrides,
  }
}

describe('listDownloadableFiles for a video', () => {
  const files = listDownloadableFiles(videoDetails(), { outputType: 'cdn' })

  it('lists the source, every rendition, the cover and every snapshot kind in order', () => {
    expect(files.map((file) => file.label)).toEqual([
      'cat master.mov',
      'LD m3u8 640×360',
      'SD mp4 1280×720',
      'HD m3u8 1920×1080',
      'HD mp4 1920×1080',
      'HD mp4 1920×1080 Invisible',
      'HQ mp3',
      'cover',
      'cover 1',
      'cover 2',
      'snapshot 1',
      'snapshot 2',
      'sprite 1',
      'sprite-origin 1',
      'sprite-origin 2',
      'webvtt 1',
    ])
  })

  it('describes the source with its checksum and forced OSS address', () => {
    expect(files[0]).toEqual({
      reference: { mediaId: videoId, mediaType: 'video', kind: 'source', outputType: 'oss' },
      kind: 'source',
      label: 'cat master.mov',
      width: 1920,
      height: 1080,
      bitrate: 642.5,
      size: 10_897_890,
      duration: 135.6,
      encryption: 'none',
      downloadable: true,
      status: 'Normal',
      suggestedName: 'cat master.mov',
      addressType: 'oss',
      forcedOss: true,
      addressTypeSelectable: false,
      md5: 'd41d8cd98f00b204e9800998ecf8427e',
      storageClass: 'Standard',
      restorable: false,
      url: getMezzanineInfoReply.Mezzanine.FileURL,
      identity: { size: 10_897_890, md5: 'd41d8cd98f00b204e9800998ecf8427e' },
    })
  })

  it('gives each rendition a stable reference with its job id', () => {
    const hd = files.find((file) => file.jobId === 'job-hd-mp4-new')
    expect(hd).toMatchObject({
      reference: {
        mediaId: videoId,
        mediaType: 'video',
        kind: 'rendition',
        outputType: 'cdn',
        definition: 'HD',
        format: 'mp4',
        jobId: 'job-hd-mp4-new',
        streamType: 'video',
      },
      size: 40_000_000,
      bitrate: 450.878,
      encryption: 'none',
      downloadable: true,
      status: 'Normal',
      suggestedName: '猫咪 Demo.HD.mp4',
      addressType: 'cdn',
      forcedOss: false,
      addressTypeSelectable: true,
    })
    expect(JSON.stringify(hd?.reference)).not.toContain('http')
  })

  it('keeps older duplicates apart by name', () => {
    const older = files.find((file) => file.jobId === 'job-hd-mp4-old')
    expect(older).toMatchObject({ status: 'Invisible', suggestedName: '猫咪 Demo.HD.job-hd-m.mp4' })
  })

  it('marks encryption and refuses streams only the Aliyun player can play', () => {
    expect(files.find((file) => file.jobId === 'job-hd-m3u8-private')).toMatchObject({
      encryption: 'proprietary',
      downloadable: false,
      reason: 'ProprietaryEncryption',
    })
    expect(files.find((file) => file.jobId === 'job-ld-m3u8-aes')).toMatchObject({
      encryption: 'hls-standard',
      downloadable: true,
    })
  })

  it('names an audio stream of a video as audio', () => {
    expect(files.find((file) => file.jobId === 'job-hq-mp3')?.suggestedName).toBe(
      '猫咪 Demo.HQ.audio.mp3',
    )
  })

  it('gives covers, snapshots, sprites and WebVTT an index and no address choice', () => {
    expect(files.find((file) => file.label === 'cover')).toMatchObject({
      reference: { mediaId: videoId, mediaType: 'video', kind: 'cover', outputType: 'cdn' },
      suggestedName: '猫咪 Demo.cover.jpg',
      addressTypeSelectable: false,
    })
    expect(files.find((file) => file.label === 'cover 2')?.reference).toEqual({
      mediaId: videoId,
      mediaType: 'video',
      kind: 'cover',
      outputType: 'cdn',
      index: 2,
    })
    expect(files.find((file) => file.label === 'sprite-origin 2')).toMatchObject({
      reference: { kind: 'sprite-origin', index: 2 },
      suggestedName: '猫咪 Demo.sprite-origin-2.jpg',
    })
    expect(files.find((file) => file.kind === 'webvtt')).toMatchObject({
      reference: { kind: 'webvtt', index: 1 },
      suggestedName: '猫咪 Demo.webvtt-1.vtt',
    })
  })

  it('forces OSS for a source in an input bucket and reads its CRC-64', () => {
    const [source] = listDownloadableFiles(
      videoDetails({
        video: {
          ...getVideoInfoResponseSchema.parse(getVideoInfoReply),
          storageLocation: 'in-201703232118266-5sejdln9o.oss-cn-shanghai.aliyuncs.com',
        },
        mezzanine: getMezzanineInfoResponseSchema.parse(inputBucketMezzanineReply),
        playInfos: [],
        snapshots: [],
      }),
      { outputType: 'cdn' },
    )
    expect(source).toMatchObject({
      reference: { kind: 'source', outputType: 'oss' },
      forcedOss: true,
      crc64: '4486016186932489225',
      suggestedName: 'raw.mp4',
    })
    expect(source?.md5).toBeUndefined()
  })

  it('blocks a source that is not stored yet or deleted', () => {
    const mezzanine = getMezzanineInfoResponseSchema.parse(getMezzanineInfoReply)
    const uploading = listDownloadableFiles(
      videoDetails({ mezzanine: { ...mezzanine, status: 'Uploading' } }),
      { outputType: 'oss' },
    )[0]
    expect(uploading).toMatchObject({ downloadable: false, reason: 'IllegalStatus' })
    const deleted = listDownloadableFiles(
      videoDetails({ mezzanine: { ...mezzanine, status: 'Deleted' } }),
      { outputType: 'oss' },
    )[0]
    expect(deleted).toMatchObject({ downloadable: false, reason: 'NotFound' })
  })

  it('blocks an archived source until it is restored, and says whether a restore helps', () => {
    const mezzanine = getMezzanineInfoResponseSchema.parse(getMezzanineInfoReply)
    const source = (fields: Partial<typeof mezzanine>, now?: number) =>
      listDownloadableFiles(videoDetails({ mezzanine: { ...mezzanine, ...fields } }), {
        outputType: 'oss',
        ...(now === undefined ? {} : { now }),
      })[0]
    expect(source({ storageClass: 'SourceArchive' })).toMatchObject({
      downloadable: false,
      reason: 'Archived',
      restorable: true,
      storageClass: 'SourceArchive',
    })
    expect(source({ storageClass: 'ColdArchive', restoreStatus: 'Processing' })).toMatchObject({
      downloadable: false,
      reason: 'RestorePending',
      restorable: true,
      restoreStatus: 'Processing',
    })
    expect(source({ storageClass: 'Archive', restoreStatus: 'Failed' })).toMatchObject({
      downloadable: false,
      reason: 'RestoreFailed',
      restorable: true,
    })
    const restored = {
      storageClass: 'SourceColdArchive',
      restoreStatus: 'Success',
      restoreExpiration: '2026-12-09T10:00:00Z',
    }
    expect(source(restored, Date.parse('2026-12-08T10:00:00Z'))).toMatchObject({
      downloadable: true,
      restorable: false,
      restoreExpiration: '2026-12-09T10:00:00Z',
    })
    // Past its expiration the restored copy is frozen again.
    expect(source(restored, Date.parse('2026-12-10T10:00:00Z'))).toMatchObject({
      downloadable: false,
      reason: 'Archived',
      restorable: true,
    })
    // IA is not archive storage: readable as it is.
    expect(source({ storageClass: 'SourceIA' })).toMatchObject({ downloadable: true })
    // A source still uploading says so, archived or not, and no restore helps.
    expect(source({ storageClass: 'Archive', status: 'Uploading' })).toMatchObject({
      reason: 'IllegalStatus',
      restorable: false,
    })
  })

  it('blocks the streams of an item archived as a whole, not of a source-only class', () => {
    const video = getVideoInfoResponseSchema.parse(getVideoInfoReply)
    const renditions = (storageClass: string, restoreStatus?: string) =>
      listDownloadableFiles(videoDetails({ video: { ...video, storageClass, restoreStatus } }), {
        outputType: 'cdn',
      }).filter((file) => file.kind === 'rendition' && file.encryption === 'none')
    expect(renditions('ColdArchive').every((file) => file.reason === 'Archived')).toBe(true)
    expect(renditions('Archive', 'Processing').every((file) => !file.downloadable)).toBe(true)
    expect(renditions('SourceArchive').every((file) => file.downloadable)).toBe(true)
    expect(renditions('Archive', 'Success').every((file) => file.downloadable)).toBe(true)
  })

  it('lists nothing it was not told about', () => {
    const bare = listDownloadableFiles(
      {
        mediaType: 'audio',
        video: { ...getVideoInfoResponseSchema.parse(getVideoInfoReply), coverUrl: undefined },
      },
      { outputType: 'cdn' },
    )
    expect(bare).toEqual([])
  })
})

describe('DASH and HDR renditions', () => {
  const streams = getPlayInfoResponseSchema.parse({
    RequestId: 'R',
    PlayInfoList: {
      PlayInfo: [
        {
          PlayURL: 'https://cdn.example.com/sv/hd.mp4?auth_key=1700003600-0-0-abc',
          Definition: 'HD',
          Format: 'mp4',
          Width: 1920,
          Height: 1080,
          HDRType: 'HDR10',
          Encrypt: 0,
          Status: 'Normal',
          JobId: 'job-hd',
        },
        {
          PlayURL: 'https://cdn.example.com/sv/sd.mpd?auth_key=1700003600-0-0-abc',
          Definition: 'SD',
          Format: 'mpd',
          Width: 640,
          Height: 360,
          HDRType: 'SDR',
          Encrypt: 0,
          Status: 'Normal',
          JobId: 'job-sd-dash',
        },
      ],
    },
  }).playInfos
  const files = listDownloadableFiles(videoDetails({ playInfos: streams, snapshots: [] }), {
    outputType: 'cdn',
  })

  it('offers no DASH rendition for download, saying why', () => {
    const dash = files.find((file) => file.format === 'mpd')
    expect(dash).toMatchObject({ downloadable: false, reason: 'DashUnsupported' })
  })

  it('names the HDR type of a rendition, and not SDR', () => {
    const hd = files.find((file) => file.definition === 'HD')
    expect(hd).toMatchObject({ hdrType: 'HDR10', label: 'HD mp4 1920×1080 HDR10' })
    expect(files.find((file) => file.format === 'mpd')?.label).toBe('SD mpd 640×360')
  })
})

describe('listDownloadableFiles for an image', () => {
  it('lists the image and its original', () => {
    const files = listDownloadableFiles(
      { mediaType: 'image', image: getImageInfoResponseSchema.parse(getImageInfoReply) },
      { outputType: 'cdn' },
    )
    expect(files).toEqual([
      {
        reference: { mediaId: imageId, mediaType: 'image', kind: 'image', outputType: 'cdn' },
        kind: 'image',
        label: 'image',
        width: 800,
        height: 600,
        size: 204_800,
        encryption: 'none',
        downloadable: true,
        status: 'Normal',
        suggestedName: 'poster.png',
        addressType: 'cdn',
        forcedOss: false,
        addressTypeSelectable: true,
        url: getImageInfoReply.ImageInfo.URL,
        identity: {},
      },
      {
        reference: {
          mediaId: imageId,
          mediaType: 'image',
          kind: 'image-original',
          outputType: 'oss',
        },
        kind: 'image-original',
        label: 'poster.png',
        width: 800,
        height: 600,
        size: 204_800,
        encryption: 'none',
        downloadable: true,
        status: 'Normal',
        suggestedName: 'poster.png',
        addressType: 'oss',
        forcedOss: true,
        addressTypeSelectable: false,
        url: getImageInfoReply.ImageInfo.Mezzanine.FileURL,
        identity: { size: 204_800 },
      },
    ])
  })
})

describe('encryptionOf', () => {
  it.each([
    [{ encrypted: false }, 'none'],
    [{ encrypted: true, encryptType: 'HLSEncryption' }, 'hls-standard'],
    [{ encrypted: true, encryptType: 'AliyunVoDEncryption' }, 'proprietary'],
    [{ encrypted: true, encryptType: 'AliyunVoDEncryption', encryptMode: 'License' }, 'license'],
    [{ encrypted: true, format: 'm3u8' }, 'hls-standard'],
    [{ encrypted: true, format: 'mp4' }, 'proprietary'],
  ] as const)('%j → %s', (stream, expected) => {
    expect(encryptionOf(stream)).toBe(expected)
  })
})

describe('checksums', () => {
  it.each([
    ['D41D8CD98F00B204E9800998ECF8427E', 'd41d8cd98f00b204e9800998ecf8427e'],
    ['not-md5', undefined],
    [undefined, undefined],
  ])('md5 %s', (value, expected) => {
    expect(normalizedMd5(value)).toBe(expected)
  })

  it.each([
    ['4486016186932489225', '4486016186932489225'],
    ['18446744073709551615', '18446744073709551615'],
    ['18446744073709551616', undefined],
    ['461bb6d0f24c0e24d65', undefined],
  ])('crc64 %s', (value, expected) => {
    expect(normalizedCrc64(value)).toBe(expected)
  })
})
