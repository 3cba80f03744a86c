import { z } from 'zod'
import type { VodQuery } from '../transport'
import { lenientNumber, optional, optionalArray, wireNumber, wireString } from '../wire'
import { buildQuery, commaList, type SignedUrlOptions } from './common'

/** `PlayConfig` keys that matter for downloads. */
export interface PlayConfig {
  /** A specific CDN domain; default is the VOD default domain. */
  playDomain?: string
  /** Token the CDN rewrites into the HLS key URI (HLS standard encryption). */
  mtsHlsUriToken?: string
  encryptType?: 'Unencrypted' | 'AliyunVoDEncryption' | 'HLSEncryption'
  previewTime?: number
}

export interface GetPlayInfoRequest extends SignedUrlOptions {
  videoId: string
  /** mp4, m3u8, mp3, flv, mpd. */
  formats?: readonly string[]
  /** FD, LD, SD, HD, OD, 2K, 4K, SQ, HQ, AUTO. */
  definitions?: readonly string[]
  streamTypes?: readonly string[]
  /** `Multiple` returns every stream, including older duplicates and proprietary-encrypted ones. */
  resultType?: 'Single' | 'Multiple'
  playConfig?: PlayConfig
}

export function getPlayInfoQuery(request: GetPlayInfoRequest): VodQuery {
  return buildQuery({
    VideoId: request.videoId,
    Formats: commaList(request.formats),
    Definition: commaList(request.definitions),
    StreamType: commaList(request.streamTypes),
    ResultType: request.resultType,
    OutputType: request.outputType,
    AuthTimeout: request.authTimeout,
    PlayConfig: playConfigText(request.playConfig),
  })
}

function playConfigText(config: PlayConfig | undefined): string | undefined {
  if (!config) return undefined
  const entries = Object.entries({
    PlayDomain: config.playDomain,
    MtsHlsUriToken: config.mtsHlsUriToken,
    EncryptType: config.encryptType,
    PreviewTime: config.previewTime === undefined ? undefined : String(config.previewTime),
  }).filter(([, value]) => value !== undefined)
  return entries.length > 0 ? JSON.stringify(Object.fromEntries(entries)) : undefined
}

const playInfoSchema = z
  .object({
    PlayURL: wireString,
    Definition: optional(wireString),
    Format: optional(wireString),
    Size: optional(wireNumber),
    Bitrate: lenientNumber,
    Duration: lenientNumber,
    Width: optional(wireNumber),
    Height: optional(wireNumber),
    Fps: lenientNumber,
    BitDepth: optional(wireNumber),
    HDRType: optional(wireString),
    Encrypt: optional(wireNumber),
    EncryptType: optional(wireString),
    EncryptMode: optional(wireString),
    StreamType: optional(wireString),
    JobId: optional(wireString),
    Status: optional(wireString),
    CreationTime: optional(wireString),
    ModificationTime: optional(wireString),
    Specification: optional(wireString),
    NarrowBandType: optional(wireString),
    CodecName: optional(wireString),
  })
  .transform((wire) => ({
    playUrl: wire.PlayURL,
    definition: wire.Definition,
    format: wire.Format,
    size: wire.Size,
    /** kbit/s. */
    bitrate: wire.Bitrate,
    /** Seconds. */
    duration: wire.Duration,
    width: wire.Width,
    height: wire.Height,
    fps: wire.Fps,
    bitDepth: wire.BitDepth,
    hdrType: wire.HDRType,
    encrypted: wire.Encrypt === 1,
    encryptType: wire.EncryptType,
    encryptMode: wire.EncryptMode,
    streamType: wire.StreamType,
    jobId: wire.JobId,
    /** `Normal` (newest for its definition + format) or `Invisible` (an older duplicate). */
    status: wire.Status,
    creationTime: wire.CreationTime,
    modificationTime: wire.ModificationTime,
    specification: wire.Specification,
    narrowBandType: wire.NarrowBandType,
    codecName: wire.CodecName,
  }))

const videoBaseSchema = z
  .object({
    VideoId: optional(wireString),
    Title: optional(wireString),
    CoverURL: optional(wireString),
    Duration: lenientNumber,
    Status: optional(wireString),
    MediaType: optional(wireString),
    CreationTime: optional(wireString),
    StorageClass: optional(wireString),
  })
  .transform((wire) => ({
    videoId: wire.VideoId,
    title: wire.Title,
    coverUrl: wire.CoverURL,
    duration: wire.Duration,
    status: wire.Status,
    mediaType: wire.MediaType,
    creationTime: wire.CreationTime,
    storageClass: wire.StorageClass,
  }))

/** GetPlayInfo: `PlayInfoList.PlayInfo[]` is a wrapped array (unlike BatchGetMediaInfos). */
export const getPlayInfoResponseSchema = z
  .object({
    RequestId: optional(wireString),
    VideoBase: optional(videoBaseSchema),
    PlayInfoList: z.object({ PlayInfo: optionalArray(playInfoSchema) }),
  })
  .transform((wire) => ({
    requestId: wire.RequestId,
    videoBase: wire.VideoBase,
    playInfos: wire.PlayInfoList.PlayInfo,
  }))

export type PlayInfo = z.output<typeof playInfoSchema>
export type VideoBase = z.output<typeof videoBaseSchema>
export type GetPlayInfoResponse = z.output<typeof getPlayInfoResponseSchema>
