import { z } from 'zod'
import { errorCodes } from '../errors'
import type { ErrorData } from '../errors'
import { addressTypes, playDomainPattern } from '../settings'
import { restoreTiers, vodFileKinds } from '../vod'
import type { RestoreOptions, UnavailablePart, VodFileReference, VodMediaType } from '../vod'
import type { JobSnapshot } from '../jobs'

/**
 * Shapes of the VOD library as the renderer sees it. The VOD client maps API responses into
 * these plain objects (no URLs that carry credentials, no SDK types), so the renderer never
 * depends on how a wire response was spelled.
 */

export const mediaTypes = ['video', 'audio', 'image'] as const satisfies readonly VodMediaType[]
export type MediaType = (typeof mediaTypes)[number]
export const mediaTypeSchema = z.enum(mediaTypes)

/** Media ids are 32 hex characters today; the bound only rejects garbage. */
export const mediaIdSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9_-]+$/)

/** VOD status values for search filters (video statuses; images use Uploading/Normal/UploadFail). */
export const mediaStatuses = [
  'Uploading',
  'UploadFail',
  'UploadSucc',
  'Transcoding',
  'TranscodeFail',
  'Checking',
  'Blocked',
  'Normal',
  'ProduceFail',
] as const
export type MediaStatus = (typeof mediaStatuses)[number]

/** Definition codes VOD uses for renditions, in the order a quality picker lists them. */
export const definitionCodes = [
  'OD',
  '4K',
  '2K',
  'HD',
  'SD',
  'LD',
  'FD',
  'HQ',
  'SQ',
  'AUTO',
] as const

export const errorDataSchema = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
  messageZh: z.string(),
  detail: z.string().optional(),
}) satisfies z.ZodType<ErrorData>

/** "Restore and download": RestoreMedia's `RestoreTier` and `RestoreDays`. */
export const restoreOptionsSchema = z.strictObject({
  tier: z.enum(restoreTiers),
  days: z.int().min(1).max(365),
}) satisfies z.ZodType<RestoreOptions>

export const vodFileReferenceSchema = z.strictObject({
  mediaId: mediaIdSchema,
  mediaType: mediaTypeSchema,
  kind: z.enum(vodFileKinds),
  outputType: z.enum(addressTypes),
  definition: z.string().min(1).max(16).optional(),
  format: z.string().min(1).max(16).optional(),
  jobId: z.string().min(1).max(128).optional(),
  streamType: z.string().min(1).max(16).optional(),
  index: z.int().min(0).optional(),
  authTimeout: z.int().positive().optional(),
  playDomain: z.string().max(253).regex(playDomainPattern).optional(),
  restore: restoreOptionsSchema.optional(),
}) satisfies z.ZodType<VodFileReference>

/**
 * The identity of a file regardless of address type or URL lifetime: two references with the
 * same key are the same bytes. Main uses it to skip duplicates, the renderer to show which files
 * of a media item are already queued or downloaded.
 */
export function referenceKey(reference: VodFileReference): string {
  return [
    reference.mediaType,
    reference.mediaId,
    reference.kind,
    reference.definition ?? '',
    reference.format ?? '',
    reference.jobId ?? '',
    reference.streamType ?? '',
    reference.index ?? '',
  ].join('|')
}

/** How a stream is encrypted; only `none` gives a file any player can open. */
export const encryptionKinds = ['none', 'hls-standard', 'proprietary', 'license'] as const
export type EncryptionKind = (typeof encryptionKinds)[number]

export const downloadableFileSchema = z.object({
  reference: vodFileReferenceSchema,
  kind: z.enum(vodFileKinds),
  /** Short human label such as "HD · mp4" or "Snapshot 3"; language-neutral. */
  label: z.string(),
  definition: z.string().nullable(),
  format: z.string().nullable(),
  width: z.number().nullable(),
  height: z.number().nullable(),
  /** kbit/s, as VOD reports it. */
  bitrate: z.number().nullable(),
  /** Bytes; null when VOD does not say (snapshots, some covers). */
  size: z.number().nullable(),
  /** Seconds. */
  duration: z.number().nullable(),
  encryption: z.enum(encryptionKinds),
  /** False when the file cannot be saved as a usable plain file; `reason` says why. */
  downloadable: z.boolean(),
  reason: errorDataSchema.nullable(),
  /** Stream status: Normal, or Invisible for an older duplicate of the same definition and format. */
  status: z.string().nullable(),
  /** Transcode job id, the unique id of a rendition stream (not a download job). */
  jobId: z.string().nullable(),
  /** The name main would give the file with the current template, for display. */
  suggestedName: z.string(),
  /** True when only the OSS origin address exists (a source kept in an `in-` input bucket). */
  forcedOss: z.boolean(),
  /** A display URL for image kinds (cover, snapshot, sprite, image); null for streams. */
  thumbnailUrl: z.string().nullable(),
  /**
   * Renditions: GetPlayInfo's HDRType (HDR, HDR10, HLG, DolbyVision, HDRVivid, SDR+), null for
   * SDR or when VOD does not say.
   */
  hdrType: z.string().nullable().optional(),
  /**
   * Sources: the storage class and the state of a restore from archive storage. `restorable`:
   * the file is frozen (or being restored, or its restore failed) and "Restore and download"
   * makes it downloadable. Absent or null for other files.
   */
  archive: z
    .object({
      storageClass: z.string(),
      /** Processing, Success or Failed; null before any restore. */
      restoreStatus: z.string().nullable(),
      /** ISO 8601 UTC until which a restored copy stays readable. */
      restoreExpiration: z.string().nullable(),
      restorable: z.boolean(),
    })
    .nullable()
    .optional(),
})

export type DownloadableFile = z.infer<typeof downloadableFileSchema>

export const mediaSummarySchema = z.object({
  mediaId: mediaIdSchema,
  mediaType: mediaTypeSchema,
  title: z.string(),
  coverUrl: z.string().nullable(),
  /** Seconds; null for images. */
  duration: z.number().nullable(),
  /** Source size in bytes when known. */
  size: z.number().nullable(),
  status: z.string(),
  categoryId: z.number().nullable(),
  categoryName: z.string().nullable(),
  /** ISO 8601 UTC, as VOD returns it. */
  createdAt: z.string(),
  modifiedAt: z.string().nullable(),
  /** Standard, IA, Archive, …: archived media must be restored before it can be downloaded. */
  storageClass: z.string().nullable(),
  /** Processing, Success or Failed once a restore from archive storage was asked for. */
  restoreStatus: z.string().nullable().optional(),
})

export type MediaSummary = z.infer<typeof mediaSummarySchema>

export const mediaDetailsSchema = mediaSummarySchema.extend({
  description: z.string().nullable(),
  tags: z.array(z.string()),
  storageLocation: z.string().nullable(),
})

export type MediaDetails = z.infer<typeof mediaDetailsSchema>

export interface Category {
  id: number
  name: string
  parentId: number | null
  level: number
}

export const librarySortOrders = [
  'created-desc',
  'created-asc',
  'modified-desc',
  'modified-asc',
] as const
export type LibrarySortOrder = (typeof librarySortOrders)[number]

export const libraryPageSizeLimits = { min: 1, max: 100, default: 50 } as const

/** The library's search filters: what `library.search` pages through and `lists.export` exports. */
export const libraryFilterShape = {
  /** Fuzzy title match; main quotes it for the Match expression. */
  title: z.string().trim().max(128).optional(),
  status: z.enum(mediaStatuses).optional(),
  categoryId: z.int().optional(),
  /** Inclusive bounds on creation time, ISO 8601 instants. */
  createdFrom: z.iso.datetime({ offset: true }).optional(),
  createdTo: z.iso.datetime({ offset: true }).optional(),
  sort: z.enum(librarySortOrders).default('created-desc'),
}

/** A created-date range is empty when its start lies after its end; schemas refuse that. */
export function createdRangeIsOrdered(range: {
  createdFrom?: string
  createdTo?: string
}): boolean {
  return (
    !range.createdFrom ||
    !range.createdTo ||
    Date.parse(range.createdFrom) <= Date.parse(range.createdTo)
  )
}

export const librarySearchInputSchema = z
  .strictObject({
    mediaType: mediaTypeSchema,
    ...libraryFilterShape,
    pageSize: z
      .int()
      .min(libraryPageSizeLimits.min)
      .max(libraryPageSizeLimits.max)
      .default(libraryPageSizeLimits.default),
    /** Opaque: hides whether main pages by PageNo or by ScrollToken. Absent for the first page. */
    cursor: z.string().min(1).max(4096).optional(),
  })
  .refine(createdRangeIsOrdered, {
    message: 'createdFrom must not be after createdTo',
    path: ['createdTo'],
  })

export type LibrarySearchInput = z.input<typeof librarySearchInputSchema>

export interface LibrarySearchResult {
  items: MediaSummary[]
  /** Matches in the whole library (VOD's Total), not only the loaded pages. */
  total: number
  /** Pass back as `cursor` for the next page; null at the end. */
  nextCursor: string | null
}

export const mediaReferenceInputSchema = z.strictObject({
  mediaId: mediaIdSchema,
  mediaType: mediaTypeSchema,
})

/** Everything the details screen needs in one round trip. */
export interface MediaDetailsResult {
  media: MediaDetails
  files: DownloadableFile[]
  /** Download jobs for this media item (any state), matched to files with `referenceKey`. */
  downloads: JobSnapshot[]
  /** Parts that could not be listed (e.g. snapshots failed while streams loaded). */
  warnings: ErrorData[]
  /** Every part that cannot be listed now, with why (the video is still transcoding, …). */
  unavailable: UnavailablePart[]
}

/** `media.address`: one file's signed address now, as the console's "copy address" gives it. */
export const mediaAddressInputSchema = z.strictObject({
  /** The file, with the address type (CDN or OSS) the address should have. */
  reference: vodFileReferenceSchema,
})

/**
 * A signed download address for pasting into another tool. Anyone who holds it can download
 * the file until `expiresAt`; it is never stored, and the app's own downloads renew theirs.
 */
export interface FileAddress {
  url: string
  /** Epoch ms at which the address stops working; null when the address does not tell. */
  expiresAt: number | null
  /** What the address is: CDN (obeys the domain's rules) or the OSS origin. */
  addressType: 'cdn' | 'oss'
}
