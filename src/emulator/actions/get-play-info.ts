import { ApiError, illegalStatus, invalidParameter, videoNotFound } from '../api/errors'
import { formatUtc } from '../clock'
import type { DemoMedia, DemoStream } from '../library-types'
import type { CdnAuthOptions, QueryPairs } from '../media-urls'
import type { ActionContext, ActionHandler } from './context'
import type { ActionParams } from './parameters'
import { coverUrl, kbpsText, secondsText } from './views'

/**
 * GetPlayInfo: transcoded stream URLs. Only Normal videos play. ResultType=Single (default)
 * returns the newest Normal stream per definition and format and hides proprietary-encrypted
 * streams; Multiple returns everything, including Invisible older duplicates.
 */

/** OSS URLs to VOD-managed buckets live at most 7 days. */
const maxOssLifetimeSeconds = 604_800

export const getPlayInfo: ActionHandler = (params, context) => {
  const media = findPlayable(params, context)
  const formats = lowerList(params.list('Formats'))
  const definitions = upperList(params.list('Definition'))
  const streamTypes = lowerList(params.list('StreamType'))
  const resultType = params.choice('ResultType', ['Single', 'Multiple'], 'Single')
  const outputType = params.choice('OutputType', ['cdn', 'oss'], 'cdn')
  const lifetime = params.integer('AuthTimeout', 3600, {
    min: 1,
    ...(outputType === 'oss' ? { max: maxOssLifetimeSeconds } : {}),
  })
  const playConfig = params.jsonObject('PlayConfig') ?? {}
  const reAuth = params.jsonObject('ReAuthInfo') ?? {}
  const encryptTypeFilter = stringField(playConfig, 'EncryptType')
  const token = stringField(playConfig, 'MtsHlsUriToken')
  // A PlayDomain the storage does not have is ignored: the default domain answers, as the
  // PlayConfig reference documents.
  const asked = stringField(playConfig, 'PlayDomain')
  const domain = asked && context.urls.hasPlayDomain(asked) ? asked.toLowerCase() : undefined

  const requested = media.streams.filter(
    (stream) =>
      (!formats || formats.includes(stream.format)) &&
      (!definitions || definitions.includes(stream.definition.toUpperCase())) &&
      (!streamTypes || streamTypes.includes(stream.streamType)) &&
      matchesEncryptType(stream, encryptTypeFilter),
  )
  const visible =
    resultType === 'Multiple'
      ? requested
      : requested.filter(
          (stream) => stream.status === 'Normal' && stream.encryptType !== 'AliyunVoDEncryption',
        )
  if (visible.length === 0) {
    if (
      resultType === 'Single' &&
      requested.some((stream) => stream.encryptType === 'AliyunVoDEncryption')
    ) {
      throw new ApiError(
        'Forbidden.AliyunVoDEncryption',
        403,
        'Currently only the AliyunVoDEncryption stream exists, you must use the Aliyun player to play or set the value of ResultType to Multiple.',
      )
    }
    throw new ApiError(
      'InvalidVideo.NoneStream',
      404,
      `The video has no stream to play for the request parameter 'Formats: ${formats?.join(',') ?? ''}, Definition: ${definitions?.join(',') ?? ''}, StreamType: ${streamTypes?.join(',') ?? ''}'.`,
    )
  }
  // ReAuthInfo supplies the uid and rand of the type-A auth_key; rand may not contain "-".
  const auth: CdnAuthOptions = {}
  const uid = stringField(reAuth, 'uid')
  const rand = stringField(reAuth, 'rand')?.replace(/-/g, '')
  if (uid) auth.uid = uid
  if (rand) auth.rand = rand
  return {
    VideoBase: {
      VideoId: media.id,
      Title: media.title,
      CoverURL: coverUrl(context, media),
      Duration: secondsText(media.durationSeconds),
      Status: media.status,
      MediaType: media.mediaType,
      CreationTime: formatUtc(media.creationTime),
      StorageClass: context.archive.storageClassOf(media),
    },
    PlayInfoList: {
      PlayInfo: visible.map((stream) => {
        const extra: QueryPairs =
          stream.format === 'm3u8' && token ? [['MtsHlsUriToken', token]] : []
        const playUrl =
          outputType === 'oss'
            ? context.urls.ossUrl(stream.object.bucket, stream.object.key, lifetime, extra)
            : context.urls.cdnUrl(stream.object.key, lifetime, auth, extra, domain)
        return playInfo(stream, playUrl)
      }),
    },
  }
}

function findPlayable(params: ActionParams, context: ActionContext): DemoMedia {
  const media = context.library.findMedia(params.requiredString('VideoId'))
  if (!media) throw videoNotFound()
  if (media.status !== 'Normal') throw illegalStatus(media.status)
  return media
}

function playInfo(stream: DemoStream, playUrl: string): Record<string, unknown> {
  const video = stream.streamType === 'video'
  return {
    PlayURL: playUrl,
    Definition: stream.definition,
    Format: stream.format,
    Size: stream.size,
    Bitrate: kbpsText(stream.bitrateKbps),
    Duration: secondsText(stream.durationSeconds),
    ...(video
      ? { Width: stream.width, Height: stream.height, Fps: String(stream.fps), BitDepth: 8 }
      : {}),
    ...(stream.hdrType ? { HDRType: stream.hdrType } : {}),
    Encrypt: stream.encrypt,
    ...(stream.encryptType ? { EncryptType: stream.encryptType } : {}),
    StreamType: stream.streamType,
    JobId: stream.jobId,
    Status: stream.status,
    CreationTime: formatUtc(stream.creationTime),
    ModificationTime: formatUtc(stream.modificationTime),
    NarrowBandType: '0',
    Specification: `${video ? 'H264' : 'MP3'}.${stream.definition}`,
  }
}

function matchesEncryptType(stream: DemoStream, filter: string | undefined): boolean {
  switch (filter) {
    case undefined:
      return true
    case 'Unencrypted':
      return stream.encrypt === 0
    case 'AliyunVoDEncryption':
    case 'HLSEncryption':
      return stream.encryptType === filter
    default:
      throw invalidParameter(
        'PlayConfig',
        'EncryptType is not one of Unencrypted, AliyunVoDEncryption, HLSEncryption.',
      )
  }
}

function stringField(object: Record<string, unknown>, name: string): string | undefined {
  const value = object[name]
  if (typeof value === 'string' && value !== '') return value
  if (typeof value === 'number') return String(value)
  return undefined
}

function lowerList(values: string[] | undefined): string[] | undefined {
  return values?.map((value) => value.toLowerCase())
}

function upperList(values: string[] | undefined): string[] | undefined {
  return values?.map((value) => value.toUpperCase())
}
