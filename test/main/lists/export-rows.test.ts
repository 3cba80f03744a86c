import { describe, expect, it } from 'vitest'
import { AppError } from '../../../src/shared/errors'
import {
  coverRow,
  failedRow,
  imageRows,
  renditionRows,
  snapshotRows,
  sourceRow,
  type ExportItem,
} from '../../../src/main/lists/export-rows'
import { getImageInfoResponseSchema } from '../../../src/main/vod/actions/get-image-info'
import { getMezzanineInfoResponseSchema } from '../../../src/main/vod/actions/get-mezzanine-info'
import { getPlayInfoResponseSchema } from '../../../src/main/vod/actions/get-play-info'

const issuedAt = Date.UTC(2026, 4, 1, 12, 0, 0)
const inOneHour = issuedAt / 1000 + 3600
const item: ExportItem = {
  mediaId: '93ab850b4f654b6e91d24d81d44d3a1e',
  mediaType: 'video',
  title: '西湖, "晨曦"',
}

function cdnUrl(path: string, expiresSeconds = inOneHour): string {
  return `https://vod.example.com${path}?auth_key=${expiresSeconds}-0-0-0123456789abcdef0123456789abcdef`
}

function ossUrl(path: string, expiresSeconds = inOneHour): string {
  return `https://outin-1.oss-cn-shanghai.aliyuncs.com${path}?Expires=${expiresSeconds}&OSSAccessKeyId=key&Signature=c2ln`
}

function streams(wire: Array<Record<string, unknown>>) {
  return getPlayInfoResponseSchema.parse({ PlayInfoList: { PlayInfo: wire } }).playInfos
}

describe('renditionRows', () => {
  const playInfos = streams([
    {
      PlayURL: cdnUrl('/hd-old.mp4'),
      Definition: 'HD',
      Format: 'mp4',
      Size: 1,
      Status: 'Invisible',
      Encrypt: 0,
      JobId: 'old',
    },
    {
      PlayURL: cdnUrl('/hd.mp4'),
      Definition: 'HD',
      Format: 'mp4',
      Size: 200,
      Status: 'Normal',
      Encrypt: 0,
      JobId: 'j-hd',
    },
    {
      PlayURL: cdnUrl('/sd.mp4'),
      Definition: 'SD',
      Format: 'mp4',
      Size: 100,
      Status: 'Normal',
      Encrypt: 0,
      JobId: 'j-sd',
    },
    {
      PlayURL: cdnUrl('/hd.m3u8'),
      Definition: 'HD',
      Format: 'm3u8',
      Size: 300,
      Status: 'Normal',
      Encrypt: 1,
      EncryptType: 'AliyunVoDEncryption',
      JobId: 'j-enc',
    },
  ])

  it('lists the current streams with their addresses and expiry, never older duplicates', () => {
    const rows = renditionRows(item, playInfos, {}, { issuedAt, authTimeout: 3600 })
    expect(rows.map((row) => [row.definition, row.format, row.size, row.error?.code])).toEqual([
      ['HD', 'mp4', 200, undefined],
      ['SD', 'mp4', 100, undefined],
      ['HD', 'm3u8', undefined, 'ProprietaryEncryption'],
    ])
    expect(rows[0]).toMatchObject({
      kind: 'rendition',
      url: cdnUrl('/hd.mp4'),
      expiresAt: inOneHour * 1000,
      fileName: '西湖, _晨曦_.HD.mp4',
    })
    expect(rows[2]?.url).toBeUndefined()
  })

  it('narrows by definition and format without regard to case', () => {
    const rows = renditionRows(item, playInfos, { definition: 'hd', format: 'MP4' }, { issuedAt })
    expect(rows.map((row) => row.url)).toEqual([cdnUrl('/hd.mp4')])
  })

  it('says NoStream when nothing matches', () => {
    const [row] = renditionRows(item, playInfos, { definition: '4K' }, { issuedAt })
    expect(row).toMatchObject({ kind: 'rendition', definition: '4K', error: { code: 'NoStream' } })
  })

  it('tells two current streams of one definition and format apart by their job', () => {
    const twins = streams([
      {
        PlayURL: cdnUrl('/a.mp4'),
        Definition: 'SD',
        Format: 'mp4',
        Status: 'Normal',
        JobId: 'aaaaaaaa1',
      },
      {
        PlayURL: cdnUrl('/b.mp4'),
        Definition: 'SD',
        Format: 'mp4',
        Status: 'Normal',
        JobId: 'bbbbbbbb2',
      },
    ])
    const names = renditionRows(item, twins, {}, { issuedAt }).map((row) => row.fileName)
    expect(names).toEqual(['西湖, _晨曦_.SD.aaaaaaaa.mp4', '西湖, _晨曦_.SD.bbbbbbbb.mp4'])
  })
})

describe('sourceRow', () => {
  it('takes the uploaded name, the size and the OSS expiry', () => {
    const mezzanine = getMezzanineInfoResponseSchema.parse({
      Mezzanine: {
        FileURL: ossUrl('/sv/a.mov'),
        FileName: 'C:\\media\\母版.mov',
        Size: 42,
        Status: 'Normal',
      },
    })
    expect(sourceRow(item, mezzanine, { issuedAt, authTimeout: 3600 })).toEqual({
      mediaId: item.mediaId,
      mediaType: 'video',
      title: item.title,
      kind: 'source',
      size: 42,
      fileName: '母版.mov',
      url: ossUrl('/sv/a.mov'),
      expiresAt: inOneHour * 1000,
    })
  })

  it('gives a source that is not Normal a reason instead of an address', () => {
    const uploading = getMezzanineInfoResponseSchema.parse({
      Mezzanine: { FileURL: ossUrl('/sv/a.mov'), Status: 'Uploading' },
    })
    expect(sourceRow(item, uploading, { issuedAt }).error?.code).toBe('IllegalStatus')
    const deleted = getMezzanineInfoResponseSchema.parse({
      Mezzanine: { FileURL: ossUrl('/sv/a.mov'), Status: 'Deleted' },
    })
    expect(sourceRow(item, deleted, { issuedAt }).error?.code).toBe('NotFound')
  })
})

describe('covers, snapshots and images', () => {
  it('takes the cover from the item and leaves the expiry empty when the URL does not tell', () => {
    const row = coverRow({ ...item, coverUrl: 'https://vod.example.com/cover.png' }, { issuedAt })
    expect(row).toMatchObject({ kind: 'cover', fileName: '西湖, _晨曦_.cover.png' })
    expect(row.expiresAt).toBeUndefined()
    expect(coverRow(item, { issuedAt }).error?.code).toBe('NotFound')
  })

  it('numbers snapshots as the API does', () => {
    const rows = snapshotRows(
      item,
      'sprite',
      {
        snapshotType: 'SpriteSnapshot',
        snapshots: [
          { index: 1, url: cdnUrl('/s1.jpg') },
          { index: 2, url: cdnUrl('/s2.jpg') },
        ],
      },
      { issuedAt, authTimeout: 3600 },
    )
    expect(rows.map((row) => [row.kind, row.index, row.fileName])).toEqual([
      ['sprite', 1, '西湖, _晨曦_.sprite-1.jpg'],
      ['sprite', 2, '西湖, _晨曦_.sprite-2.jpg'],
    ])
  })

  it('gives an image its address and its stored original, titled from the reply', () => {
    const image = getImageInfoResponseSchema.parse({
      ImageInfo: {
        ImageId: 'bbc65bba53fed90de118a7849d79c002',
        Title: '活动海报',
        Status: 'Normal',
        URL: cdnUrl('/image/a.png'),
        Mezzanine: {
          FileURL: ossUrl('/image/a.png'),
          OriginalFileName: 'poster final.png',
          FileSize: '77',
        },
      },
    })
    const imageItem: ExportItem = { mediaId: image.imageId, mediaType: 'image' }
    const rows = imageRows(imageItem, image, ['image', 'image-original'], {
      issuedAt,
      authTimeout: 3600,
    })
    expect(rows.map((row) => [row.kind, row.title, row.size, row.fileName, row.url])).toEqual([
      ['image', '活动海报', 77, '活动海报.png', cdnUrl('/image/a.png')],
      ['image-original', '活动海报', 77, 'poster final.png', ossUrl('/image/a.png')],
    ])
  })

  it('records an error as code and message in both languages', () => {
    const row = failedRow(
      item,
      'source',
      new AppError('Forbidden', 'GetMezzanineInfo: Forbidden.RAM'),
    )
    expect(row.error).toMatchObject({
      code: 'Forbidden',
      detail: 'GetMezzanineInfo: Forbidden.RAM',
    })
    expect(row.error?.messageZh).toMatch(/访问被拒绝/)
  })
})
