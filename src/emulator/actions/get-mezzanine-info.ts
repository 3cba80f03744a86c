import { fileNotFound, videoNotFound } from '../api/errors'
import { formatUtc } from '../clock'
import type { DemoSource } from '../library-types'
import type { ActionHandler } from './context'
import { analysedSourceFields, archiveFields, mediaUrl, secondsText } from './views'

/**
 * GetMezzanineInfo: the source master. Sources in an input bucket (`in-…`) always get an OSS
 * URL, whatever OutputType says. FileMD5 and CRC64 appear only for some sources, so clients must
 * treat both as optional. The source has its own status: `Uploading` while the upload runs
 * (whatever the video's status says), and a video that keeps no source file (an online edit
 * whose production failed) answers `InvalidFile.NotFound`.
 */

/** OSS URLs of sources in VOD-managed buckets live at most 30 days. */
const maxOssLifetimeSeconds = 2_592_000

/** In a bucket of the account's own, at most 36 hours (larger values are refused). */
const maxOwnBucketLifetimeSeconds = 129_600

export const getMezzanineInfo: ActionHandler = (params, context) => {
  const media = context.library.findMedia(params.requiredString('VideoId'))
  if (!media) throw videoNotFound()
  const requested = params.choice('OutputType', ['cdn', 'oss'], 'cdn')
  const source = media.source
  if (source.absent) throw fileNotFound()
  const outputType = source.object.bucket === context.library.vodBucket ? requested : 'oss'
  const ossMaximum =
    source.object.bucket === context.library.ownBucket
      ? maxOwnBucketLifetimeSeconds
      : maxOssLifetimeSeconds
  const lifetime = params.integer('AuthTimeout', 3600, {
    min: 1,
    ...(outputType === 'oss' ? { max: ossMaximum } : {}),
  })
  const additions = (params.list('AdditionType') ?? []).map((value) => value.toLowerCase())
  return {
    Mezzanine: {
      VideoId: media.id,
      FileName: source.fileName,
      FileURL: mediaUrl(context, source.object, outputType, lifetime),
      Size: source.size,
      ...analysedSourceFields(source),
      Status: source.status ?? 'Normal',
      CreationTime: formatUtc(source.creationTime),
      OutputType: outputType,
      PreprocessStatus: 'UnPreprocess',
      ...archiveFields(context, media),
      ...(source.reportsMd5 ? { FileMD5: context.sourceDigests.md5Hex(source) } : {}),
      ...(source.reportsCrc64 ? { CRC64: context.sourceDigests.crc64(source) } : {}),
      ...(additions.includes('video') ? { VideoStreamList: videoStreamList(source) } : {}),
      ...(additions.includes('audio') ? { AudioStreamList: audioStreamList(source) } : {}),
    },
  }
}

/** ffprobe-like stream descriptions; every value is a string, as in the SDK model. */
function videoStreamList(source: DemoSource): Array<Record<string, string>> {
  if (source.width === undefined || source.width === 0) return []
  const duration = secondsText(source.durationSeconds ?? 0)
  const fps = String(source.fps ?? 0)
  return [
    {
      Index: '0',
      CodecName: 'h264',
      CodecLongName: 'H.264 / AVC / MPEG-4 AVC / MPEG-4 part 10',
      Profile: 'Main',
      CodecTimeBase: '1/50',
      CodecTagString: 'avc1',
      CodecTag: '0x31637661',
      Width: String(source.width),
      Height: String(source.height ?? 0),
      HasBFrames: '2',
      Sar: '1:1',
      Dar: '16:9',
      PixFmt: 'yuv420p',
      Level: '40',
      Fps: fps,
      AvgFPS: fps,
      Timebase: '1/12800',
      StartTime: '0.000000',
      Duration: duration,
      NumFrames: String(Math.round((source.durationSeconds ?? 0) * (source.fps ?? 0))),
      Lang: 'und',
      Rotate: '0',
      Bitrate: (source.bitrateKbps ?? 0).toFixed(3),
      HDRType: 'SDR',
    },
  ]
}

function audioStreamList(source: DemoSource): Array<Record<string, string>> {
  if (source.durationSeconds === undefined) return []
  const mp3 = source.contentType === 'audio/mpeg'
  return [
    {
      Index: mp3 ? '0' : '1',
      CodecName: mp3 ? 'mp3' : 'aac',
      CodecLongName: mp3 ? 'MP3 (MPEG audio layer 3)' : 'AAC (Advanced Audio Coding)',
      CodecTimeBase: '1/44100',
      CodecTagString: mp3 ? '[0][0][0][0]' : 'mp4a',
      CodecTag: mp3 ? '0x0000' : '0x6134706d',
      SampleFmt: 'fltp',
      SampleRate: '44100',
      Channels: '2',
      ChannelLayout: 'stereo',
      Timebase: '1/44100',
      StartTime: '0.000000',
      Duration: secondsText(source.durationSeconds),
      Bitrate: mp3 ? '128' : '48',
      NumFrames: String(Math.round((source.durationSeconds * 44100) / 1024)),
      Lang: 'und',
    },
  ]
}
