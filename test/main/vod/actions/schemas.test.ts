import { describe, expect, it } from 'vitest'
import {
  getImageInfoResponseSchema,
  getImageInfosResponseSchema,
} from '../../../../src/main/vod/actions/get-image-info'
import { getMezzanineInfoResponseSchema } from '../../../../src/main/vod/actions/get-mezzanine-info'
import { getPlayInfoResponseSchema } from '../../../../src/main/vod/actions/get-play-info'
import {
  getVideoInfoResponseSchema,
  getVideoInfosResponseSchema,
} from '../../../../src/main/vod/actions/get-video-info'
import { listSnapshotsResponseSchema } from '../../../../src/main/vod/actions/list-snapshots'
import { searchMediaResponseSchema } from '../../../../src/main/vod/actions/search-media'
import { parseReply } from '../../../../src/main/vod/client'
import {
  getImageInfoReply,
  getImageInfosReply,
  getMezzanineInfoReply,
  getPlayInfoReply,
  getVideoInfoReply,
  getVideoInfosReply,
  listSnapshotsReply,
  searchMediaReply,
  videoId,
} from '../fixtures'

describe('reply schemas', () => {
  it('reads GetPlayInfo: wrapped PlayInfo array, string bitrates, numeric-string sizes', () => {
    const reply = getPlayInfoResponseSchema.parse(getPlayInfoReply)
    expect(reply.videoBase?.title).toBe('猫咪 Demo')
    expect(reply.playInfos).toHaveLength(6)
    expect(reply.playInfos[0]).toMatchObject({
      definition: 'HD',
      format: 'mp4',
      size: 40_000_000,
      bitrate: 450.878,
      duration: 135.6,
      fps: 25,
      encrypted: false,
      jobId: 'job-hd-mp4-new',
      status: 'Normal',
    })
    expect(reply.playInfos[2]).toMatchObject({ size: 9_000_000, width: 1280 })
    expect(reply.playInfos[3]).toMatchObject({
      encrypted: true,
      encryptType: 'AliyunVoDEncryption',
    })
  })

  it('reads GetMezzanineInfo, with optional FileMD5 and CRC64', () => {
    const mezzanine = getMezzanineInfoResponseSchema.parse(getMezzanineInfoReply)
    expect(mezzanine).toMatchObject({
      fileName: 'D:\\uploads\\cat master.mov',
      size: 10_897_890,
      bitrate: 642.5,
      fileMd5: 'D41D8CD98F00B204E9800998ECF8427E',
      crc64: '461bb6d0f24c0e24d65',
      outputType: 'oss',
    })
    const { FileMD5: _md5, CRC64: _crc, ...bare } = getMezzanineInfoReply.Mezzanine
    const withoutChecksums = getMezzanineInfoResponseSchema.parse({ Mezzanine: bare })
    expect(withoutChecksums.fileMd5).toBeUndefined()
    expect(withoutChecksums.crc64).toBeUndefined()
  })

  it('reads GetVideoInfo (wrapped Snapshots) and GetVideoInfos (bare VideoList and Snapshots)', () => {
    expect(getVideoInfoResponseSchema.parse(getVideoInfoReply)).toMatchObject({
      videoId,
      duration: 135.6,
      size: 10_897_890,
      snapshotUrls: [
        expect.stringContaining('/snapshot/1.jpg'),
        expect.stringContaining('/snapshot/2.jpg'),
      ],
    })
    const infos = getVideoInfosResponseSchema.parse(getVideoInfosReply)
    expect(infos.videos[0]?.snapshotUrls).toHaveLength(1)
    expect(infos.missingVideoIds).toEqual(['missing-1'])
  })

  it('reads SearchMedia (bare MediaList) across media types', () => {
    const page = searchMediaResponseSchema.parse(searchMediaReply)
    expect(page.total).toBe(2)
    expect(page.scrollToken).toBe('24e0fba7188fae707e146esa54****')
    expect(page.items.map((item) => [item.mediaType, item.mediaId, item.title])).toEqual([
      ['video', videoId, '猫咪 Demo'],
      ['image', 'bbc65bba53fed90de118a7849d79c002', 'poster'],
    ])
    expect(page.items[1]?.url).toContain('/image/default/poster.png')
  })

  it('reads ListSnapshots and GetImageInfo(s) (FileSize is a string, ImageInfo a bare array)', () => {
    const page = listSnapshotsResponseSchema.parse(
      listSnapshotsReply(['http://a/1.jpg', 'http://a/2.jpg']),
    )
    expect(page.snapshots).toEqual([
      { index: 1, url: 'http://a/1.jpg' },
      { index: 2, url: 'http://a/2.jpg' },
    ])
    expect(listSnapshotsResponseSchema.parse({ RequestId: 'R' })).toEqual({
      total: 0,
      snapshots: [],
    })
    expect(getImageInfoResponseSchema.parse(getImageInfoReply).mezzanine?.fileSize).toBe(204_800)
    const infos = getImageInfosResponseSchema.parse(getImageInfosReply)
    expect(infos.images).toHaveLength(1)
    expect(infos.missingImageIds).toEqual(['missing-image'])
  })

  it.each([
    [
      'GetPlayInfo with a bare PlayInfoList',
      'GetPlayInfo' as const,
      getPlayInfoResponseSchema,
      { ...getPlayInfoReply, PlayInfoList: getPlayInfoReply.PlayInfoList.PlayInfo },
      'GetPlayInfo: PlayInfoList:',
    ],
    [
      'GetVideoInfos with a wrapped VideoList',
      'GetVideoInfos' as const,
      getVideoInfosResponseSchema,
      { ...getVideoInfosReply, VideoList: { Video: getVideoInfosReply.VideoList } },
      'GetVideoInfos: VideoList:',
    ],
    [
      'GetVideoInfo with Snapshots as a JSON string',
      'GetVideoInfo' as const,
      getVideoInfoResponseSchema,
      { Video: { ...getVideoInfoReply.Video, Snapshots: '["a"]' } },
      'GetVideoInfo: Video.Snapshots:',
    ],
    [
      'GetPlayInfo with a non-numeric Size',
      'GetPlayInfo' as const,
      getPlayInfoResponseSchema,
      {
        PlayInfoList: {
          PlayInfo: [{ ...getPlayInfoReply.PlayInfoList.PlayInfo[0], Size: 'big' }],
        },
      },
      'GetPlayInfo: PlayInfoList.PlayInfo.0.Size:',
    ],
    [
      'GetMezzanineInfo without FileURL',
      'GetMezzanineInfo' as const,
      getMezzanineInfoResponseSchema,
      { Mezzanine: { FileName: 'a.mp4' } },
      'GetMezzanineInfo: Mezzanine.FileURL:',
    ],
  ])('fails %s as MalformedResponse naming the field', (_name, action, schema, body, detail) => {
    expect(() => parseReply(action, schema, body)).toThrow(
      expect.objectContaining({ code: 'MalformedResponse' }),
    )
    expect(() => parseReply(action, schema, body)).toThrow(detail)
  })
})
