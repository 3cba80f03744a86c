import { z } from 'zod'
import type { VodQuery } from '../transport'
import { optional, optionalArray, wireNumber, wireString } from '../wire'
import { buildQuery } from './common'

/** GetVideoInfos takes at most this many ids per call. */
export const videoInfosBatchLimit = 20

export function getVideoInfoQuery(videoId: string): VodQuery {
  return buildQuery({ VideoId: videoId })
}

export function getVideoInfosQuery(videoIds: readonly string[]): VodQuery {
  return buildQuery({ VideoIds: videoIds.join(',') })
}

const videoFields = {
  VideoId: wireString,
  Title: optional(wireString),
  Description: optional(wireString),
  CoverURL: optional(wireString),
  Duration: optional(wireNumber),
  Size: optional(wireNumber),
  Status: optional(wireString),
  CateId: optional(wireNumber),
  CateName: optional(wireString),
  Tags: optional(wireString),
  CreationTime: optional(wireString),
  ModificationTime: optional(wireString),
  StorageLocation: optional(wireString),
  AppId: optional(wireString),
  TemplateGroupId: optional(wireString),
  DownloadSwitch: optional(wireString),
  StorageClass: optional(wireString),
  RestoreStatus: optional(wireString),
  RestoreExpiration: optional(wireString),
  ReferenceId: optional(wireString),
}

type VideoWire = z.output<z.ZodObject<typeof videoFields>>

function toVideoInfo(wire: VideoWire, snapshotUrls: string[]) {
  return {
    videoId: wire.VideoId,
    title: wire.Title,
    description: wire.Description,
    coverUrl: wire.CoverURL,
    /** Seconds. */
    duration: wire.Duration,
    /** Source file bytes. */
    size: wire.Size,
    status: wire.Status,
    cateId: wire.CateId,
    cateName: wire.CateName,
    tags: wire.Tags,
    creationTime: wire.CreationTime,
    modificationTime: wire.ModificationTime,
    /** e.g. `outin-….oss-cn-shanghai.aliyuncs.com`; an `in-` bucket forces OSS source URLs. */
    storageLocation: wire.StorageLocation,
    appId: wire.AppId,
    templateGroupId: wire.TemplateGroupId,
    downloadSwitch: wire.DownloadSwitch,
    storageClass: wire.StorageClass,
    /** Processing, Success or Failed (see GetMezzanineInfo). */
    restoreStatus: wire.RestoreStatus,
    restoreExpiration: wire.RestoreExpiration,
    referenceId: wire.ReferenceId,
    snapshotUrls,
  }
}

/** GetVideoInfo's Video: `Snapshots` is an object wrapping `Snapshot[]`. */
const videoSchema = z
  .object({
    ...videoFields,
    Snapshots: optional(z.object({ Snapshot: optionalArray(wireString) })),
  })
  .transform((wire) => toVideoInfo(wire, wire.Snapshots?.Snapshot ?? []))

/** GetVideoInfos' VideoList item: `Snapshots` is a bare array. */
const videoListItemSchema = z
  .object({ ...videoFields, Snapshots: optionalArray(wireString) })
  .transform((wire) => toVideoInfo(wire, wire.Snapshots))

export const getVideoInfoResponseSchema = z
  .object({ RequestId: optional(wireString), Video: videoSchema })
  .transform((wire) => wire.Video)

/** GetVideoInfos: `VideoList` is a bare array here, unlike GetVideoList. */
export const getVideoInfosResponseSchema = z
  .object({
    RequestId: optional(wireString),
    VideoList: optionalArray(videoListItemSchema),
    NonExistVideoIds: optionalArray(wireString),
  })
  .transform((wire) => ({ videos: wire.VideoList, missingVideoIds: wire.NonExistVideoIds }))

export type VideoInfo = ReturnType<typeof toVideoInfo>
export type GetVideoInfosResponse = z.output<typeof getVideoInfosResponseSchema>
