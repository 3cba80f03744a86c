import { describe, expect, it } from 'vitest'
import { getPlayInfoResponseSchema } from '../../../src/main/vod/actions/get-play-info'
import { pickStream } from '../../../src/main/vod/pick-stream'
import { getPlayInfoReply } from './fixtures'

const streams = getPlayInfoResponseSchema.parse(getPlayInfoReply).playInfos

describe('pickStream', () => {
  it.each([
    [
      'the job id when it still exists',
      { jobId: 'job-hd-mp4-old', definition: 'HD', format: 'mp4' },
      'job-hd-mp4-old',
    ],
    [
      'the newest current stream when the job is gone',
      { jobId: 'gone', definition: 'HD', format: 'mp4' },
      'job-hd-mp4-new',
    ],
    [
      'definition and format without a job id, any case',
      { definition: 'hd', format: 'MP4', streamType: 'video' },
      'job-hd-mp4-new',
    ],
    ['a plain stream over a proprietary one', { definition: 'HD' }, 'job-hd-mp4-new'],
    [
      'HLS standard encryption (downloadable with its key)',
      { definition: 'LD', format: 'm3u8' },
      'job-ld-m3u8-aes',
    ],
  ])('picks %s', (_name, selector, jobId) => {
    expect(pickStream(streams, selector).jobId).toBe(jobId)
  })

  it('refuses a proprietary-encrypted stream', () => {
    expect(() => pickStream(streams, { definition: 'HD', format: 'm3u8' })).toThrow(
      expect.objectContaining({
        code: 'ProprietaryEncryption',
        detail: 'HD m3u8: AliyunVoDEncryption',
      }),
    )
    expect(() => pickStream(streams, { jobId: 'job-hd-m3u8-private' })).toThrow(
      expect.objectContaining({ code: 'ProprietaryEncryption' }),
    )
  })

  it('refuses a DASH rendition before any byte, by job id or by definition and format', () => {
    const dash = getPlayInfoResponseSchema.parse({
      PlayInfoList: {
        PlayInfo: [
          {
            PlayURL: 'https://cdn.example.com/sv/sd.mpd',
            Definition: 'SD',
            Format: 'mpd',
            JobId: 'job-sd-dash',
            Status: 'Normal',
          },
        ],
      },
    }).playInfos
    expect(() => pickStream(dash, { jobId: 'job-sd-dash' })).toThrow(
      expect.objectContaining({ code: 'DashUnsupported' }),
    )
    expect(() => pickStream(dash, { definition: 'SD', format: 'mpd' })).toThrow(
      expect.objectContaining({ code: 'DashUnsupported', detail: 'SD mpd' }),
    )
  })

  it('reports NoStream when nothing matches', () => {
    expect(() => pickStream(streams, { definition: '4K', format: 'mp4' })).toThrow(
      expect.objectContaining({ code: 'NoStream', detail: '4K mp4' }),
    )
  })
})
