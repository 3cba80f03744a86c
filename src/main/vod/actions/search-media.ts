import { z } from 'zod'
import type { VodQuery } from '../transport'
import { optional, optionalArray, wireNumber, wireString } from '../wire'
import { buildQuery, commaList } from './common'

export type SearchType = 'video' | 'audio' | 'image'

/** Largest page SearchMedia serves. */
export const searchPageSizeLimit = 100

/** PageNo/PageSize reach only this many results; video and audio go further with ScrollToken. */
export const searchResultWindow = 5000

export interface SearchMediaRequest {
  searchType: SearchType
  /** Filter expression, e.g. `Title = 'cat' and Status in ('Normal')`. */
  match?: string
  /** Extra fields to return (Title, CoverURL, Size, Snapshots, …); only basic ones by default. */
  fields?: readonly string[]
  /** e.g. `CreationTime:Desc`. A full traversal allows one sort field only. */
  sortBy?: string
  pageNo?: number
  pageSize?: number
  /** From the previous reply; needed past the 5,000-result window. */
  scrollToken?: string
}

export function searchMediaQuery(request: SearchMediaRequest): VodQuery {
  return buildQuery({
    SearchType: request.searchType,
    Match: request.match,
    Fields: commaList(request.fields),
    SortBy: request.sortBy,
    PageNo: request.pageNo,
    PageSize: request.pageSize,
    ScrollToken: request.scrollToken,
  })
}

/** Fields shared by the Video and Audio objects of a search result. */
const playableFields = {
  Title: optional(wireString),
  Description: optional(wireString),
  CoverURL: optional(wireString),
  Duration: optional(wireNumber),
  Size: optional(wireNumber),
  Status: optional(wireString),
  CateId: optional(wireNumber),
  CateName: optional(wireString),
  Tags: optional(wireString),
  AppId: optional(wireString),
  StorageLocation: optional(wireString),
  StorageClass: optional(wireString),
  RestoreStatus: optional(wireString),
  RestoreExpiration: optional(wireString),
  MediaSource: optional(wireString),
  PreprocessStatus: optional(wireString),
  TranscodeMode: optional(wireString),
  DownloadSwitch: optional(wireString),
  CreationTime: optional(wireString),
  ModificationTime: optional(wireString),
  // Bare arrays here, unlike GetVideoInfo.
  Snapshots: optionalArray(wireString),
  SpriteSnapshots: optionalArray(wireString),
}

const searchedVideoSchema = z.object({ VideoId: optional(wireString), ...playableFields })
const searchedAudioSchema = z.object({ AudioId: optional(wireString), ...playableFields })
const searchedImageSchema = z.object({
  ImageId: optional(wireString),
  Title: optional(wireString),
  Description: optional(wireString),
  CateId: optional(wireNumber),
  CateName: optional(wireString),
  Tags: optional(wireString),
  AppId: optional(wireString),
  Status: optional(wireString),
  StorageLocation: optional(wireString),
  CreationTime: optional(wireString),
  ModificationTime: optional(wireString),
  URL: optional(wireString),
})

const mediaItemSchema = z
  .object({
    MediaType: wireString,
    MediaId: wireString,
    CreationTime: optional(wireString),
    Video: optional(searchedVideoSchema),
    Audio: optional(searchedAudioSchema),
    Image: optional(searchedImageSchema),
  })
  .transform((wire) => {
    const playable = wire.Video ?? wire.Audio
    const image = wire.Image
    return {
      mediaType: wire.MediaType,
      mediaId: wire.MediaId,
      creationTime: wire.CreationTime ?? playable?.CreationTime ?? image?.CreationTime,
      title: playable?.Title ?? image?.Title,
      description: playable?.Description ?? image?.Description,
      status: playable?.Status ?? image?.Status,
      cateId: playable?.CateId ?? image?.CateId,
      cateName: playable?.CateName ?? image?.CateName,
      tags: playable?.Tags ?? image?.Tags,
      appId: playable?.AppId ?? image?.AppId,
      storageLocation: playable?.StorageLocation ?? image?.StorageLocation,
      modificationTime: playable?.ModificationTime ?? image?.ModificationTime,
      coverUrl: playable?.CoverURL,
      /** Seconds. */
      duration: playable?.Duration,
      /** Source bytes. */
      size: playable?.Size,
      storageClass: playable?.StorageClass,
      restoreStatus: playable?.RestoreStatus,
      restoreExpiration: playable?.RestoreExpiration,
      mediaSource: playable?.MediaSource,
      preprocessStatus: playable?.PreprocessStatus,
      transcodeMode: playable?.TranscodeMode,
      downloadSwitch: playable?.DownloadSwitch,
      snapshotUrls: playable?.Snapshots ?? [],
      spriteUrls: playable?.SpriteSnapshots ?? [],
      /** Images only. */
      url: image?.URL,
    }
  })

/** SearchMedia: `MediaList` is a bare array. */
export const searchMediaResponseSchema = z
  .object({
    RequestId: optional(wireString),
    Total: optional(wireNumber),
    ScrollToken: optional(wireString),
    MediaList: optionalArray(mediaItemSchema),
  })
  .transform((wire) => ({
    requestId: wire.RequestId,
    total: wire.Total,
    scrollToken: wire.ScrollToken,
    items: wire.MediaList,
  }))

export type SearchMediaItem = z.output<typeof mediaItemSchema>
export type SearchMediaPage = z.output<typeof searchMediaResponseSchema>
