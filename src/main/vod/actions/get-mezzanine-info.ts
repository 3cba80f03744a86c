import { z } from 'zod'
import type { VodQuery } from '../transport'
import { lenientNumber, optional, wireNumber, wireString } from '../wire'
import { buildQuery, type SignedUrlOptions } from './common'

export interface GetMezzanineInfoRequest extends SignedUrlOptions {
  videoId: string
}

export function getMezzanineInfoQuery(request: GetMezzanineInfoRequest): VodQuery {
  return buildQuery({
    VideoId: request.videoId,
    OutputType: request.outputType,
    AuthTimeout: request.authTimeout,
  })
}

const mezzanineSchema = z
  .object({
    VideoId: optional(wireString),
    FileName: optional(wireString),
    FileURL: wireString,
    Size: optional(wireNumber),
    Duration: lenientNumber,
    Bitrate: lenientNumber,
    Fps: lenientNumber,
    Width: optional(wireNumber),
    Height: optional(wireNumber),
    Status: optional(wireString),
    CreationTime: optional(wireString),
    OutputType: optional(wireString),
    PreprocessStatus: optional(wireString),
    StorageClass: optional(wireString),
    RestoreStatus: optional(wireString),
    RestoreExpiration: optional(wireString),
    FileMD5: optional(wireString),
    // In the 2021 docs' example only; not in the SDK model. Optional either way.
    CRC64: optional(wireString),
  })
  .transform((wire) => ({
    videoId: wire.VideoId,
    fileName: wire.FileName,
    fileUrl: wire.FileURL,
    size: wire.Size,
    duration: wire.Duration,
    bitrate: wire.Bitrate,
    fps: wire.Fps,
    width: wire.Width,
    height: wire.Height,
    /** Uploading, Normal, UploadFail, Deleted. */
    status: wire.Status,
    creationTime: wire.CreationTime,
    /** The address type of `fileUrl`: `oss` for sources in an input (`in-`) bucket. */
    outputType: wire.OutputType,
    preprocessStatus: wire.PreprocessStatus,
    /** Standard, IA, Archive, ColdArchive, SourceIA, SourceArchive, SourceColdArchive, … */
    storageClass: wire.StorageClass,
    /** Processing, Success or Failed, once a restore from archive storage was asked for. */
    restoreStatus: wire.RestoreStatus,
    /** UTC `yyyy-MM-ddTHH:mm:ssZ` until which the restored copy stays readable. */
    restoreExpiration: wire.RestoreExpiration,
    fileMd5: wire.FileMD5,
    crc64: wire.CRC64,
  }))

export const getMezzanineInfoResponseSchema = z
  .object({ RequestId: optional(wireString), Mezzanine: mezzanineSchema })
  .transform((wire) => wire.Mezzanine)

export type Mezzanine = z.output<typeof mezzanineSchema>
