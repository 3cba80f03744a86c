import { z } from 'zod'
import type { VodQuery } from '../transport'
import { optional, optionalArray, wireNumber, wireString } from '../wire'
import { buildQuery, type SignedUrlOptions } from './common'

/** GetImageInfos takes at most this many ids per call. */
export const imageInfosBatchLimit = 20

export interface GetImageInfoRequest extends SignedUrlOptions {
  imageId: string
}

export interface GetImageInfosRequest extends SignedUrlOptions {
  imageIds: readonly string[]
}

export function getImageInfoQuery(request: GetImageInfoRequest): VodQuery {
  return buildQuery({
    ImageId: request.imageId,
    OutputType: request.outputType,
    AuthTimeout: request.authTimeout,
  })
}

export function getImageInfosQuery(request: GetImageInfosRequest): VodQuery {
  return buildQuery({
    ImageIds: request.imageIds.join(','),
    OutputType: request.outputType,
    AuthTimeout: request.authTimeout,
  })
}

const imageMezzanineSchema = z
  .object({
    FileURL: optional(wireString),
    OriginalFileName: optional(wireString),
    // A string in the SDK model, unlike every other size field.
    FileSize: optional(wireNumber),
    Width: optional(wireNumber),
    Height: optional(wireNumber),
  })
  .transform((wire) => ({
    /** Always an OSS origin address. */
    fileUrl: wire.FileURL,
    originalFileName: wire.OriginalFileName,
    fileSize: wire.FileSize,
    width: wire.Width,
    height: wire.Height,
  }))

const imageInfoSchema = z
  .object({
    ImageId: wireString,
    Title: optional(wireString),
    Description: optional(wireString),
    ImageType: optional(wireString),
    Status: optional(wireString),
    CateId: optional(wireNumber),
    CateName: optional(wireString),
    Tags: optional(wireString),
    AppId: optional(wireString),
    StorageLocation: optional(wireString),
    CreationTime: optional(wireString),
    URL: optional(wireString),
    Mezzanine: optional(imageMezzanineSchema),
  })
  .transform((wire) => ({
    imageId: wire.ImageId,
    title: wire.Title,
    description: wire.Description,
    /** `default` or `cover`. */
    imageType: wire.ImageType,
    status: wire.Status,
    cateId: wire.CateId,
    cateName: wire.CateName,
    tags: wire.Tags,
    appId: wire.AppId,
    storageLocation: wire.StorageLocation,
    creationTime: wire.CreationTime,
    /** CDN address when a domain is configured, else OSS. */
    url: wire.URL,
    mezzanine: wire.Mezzanine,
  }))

export const getImageInfoResponseSchema = z
  .object({ RequestId: optional(wireString), ImageInfo: imageInfoSchema })
  .transform((wire) => wire.ImageInfo)

/** GetImageInfos: a bare array, named `ImageInfo` like the single-image object. */
export const getImageInfosResponseSchema = z
  .object({
    RequestId: optional(wireString),
    ImageInfo: optionalArray(imageInfoSchema),
    NonExistImageIds: optionalArray(wireString),
  })
  .transform((wire) => ({ images: wire.ImageInfo, missingImageIds: wire.NonExistImageIds }))

export type ImageInfo = z.output<typeof imageInfoSchema>
export type GetImageInfosResponse = z.output<typeof getImageInfosResponseSchema>
