import { z } from 'zod'
import type { ErrorData } from '../errors'
import type { JobSnapshot } from '../jobs'
import { addressTypes, nameConflictChoices } from '../settings'
import {
  mediaIdSchema,
  mediaTypeSchema,
  restoreOptionsSchema,
  vodFileReferenceSchema,
  type MediaType,
} from './media'

/**
 * Inputs for queueing and controlling downloads. Jobs are keyed by VOD identity (a file
 * reference), never by URL: main resolves a fresh signed URL whenever a job needs one.
 */

/** A path relative to the download folder; `..` and absolute paths are refused here already. */
export const relativeFileNameSchema = z
  .string()
  .min(1)
  .max(1024)
  .refine(
    (name) =>
      !name.startsWith('/') &&
      !/^[A-Za-z]:/.test(name) &&
      !name.includes('\\') &&
      name.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..'),
    { message: 'must be a relative path without empty, "." or ".." segments' },
  )

/** Whether a file already queued or downloaded is added again or answered with its existing job. */
export const duplicatePolicies = ['skip', 'allow'] as const

export const enqueueItemSchema = z.strictObject({
  reference: vodFileReferenceSchema,
  /** Overrides the file-name template for this item. */
  fileName: relativeFileNameSchema.optional(),
})

export const downloadsEnqueueInputSchema = z.strictObject({
  items: z.array(enqueueItemSchema).min(1).max(10_000),
  /** Overrides each reference's outputType (files that exist only on OSS stay OSS). */
  addressType: z.enum(addressTypes).optional(),
  /** Overrides the download folder for these items. */
  directory: z.string().trim().min(1).max(4096).optional(),
  duplicates: z.enum(duplicatePolicies).default('skip'),
  /** "Restore and download": archived sources are restored first with these options. */
  restore: restoreOptionsSchema.optional(),
  /**
   * What to do with files whose names are taken; absent: the `nameConflicts` setting, and when
   * that is `ask`, nothing is queued and the answer lists the conflicts to ask about.
   */
  conflicts: z.enum(nameConflictChoices).optional(),
})

export type DownloadsEnqueueInput = z.input<typeof downloadsEnqueueInputSchema>

/** A file of a request whose name is already taken in its folder. */
export interface NameConflict {
  /** The file's name relative to the download folder. */
  fileName: string
  /**
   * What holds the name: a file on disk, a download of ours that has not finished (the only
   * kind `replace` may take over), or another file of the same request.
   */
  holder: 'file' | 'download' | 'request'
}

/** The name conflicts of a request, when it has to ask before queueing. */
export interface NameConflicts {
  count: number
  /** How many of them `replace` would take over (held by an unfinished download of ours). */
  replaceable: number
  /** The first few, to name them in the question. */
  examples: NameConflict[]
}

/** What a request to queue files did, file by file counted. */
export interface EnqueueResult {
  /** A job per file asked for: new ones, and the existing ones of files already queued or done. */
  jobs: JobSnapshot[]
  /** New jobs. */
  added: number
  /** Files that already had an unfinished job (their job is in `jobs`). */
  alreadyQueued: number
  /** Files already downloaded (their completed job is in `jobs`). */
  alreadyDownloaded: number
  /** Files not queued because their name was taken and the choice was `skip`. */
  skippedConflicts: number
  /** Unfinished downloads of ours whose name a new file took (`replace`). */
  replaced: number
  /** Files queued under a numbered name because the choice was `keep-both`. */
  renamed: number
  /** Set when names are taken and nobody chose yet: nothing was queued; ask, then send again. */
  conflicts: NameConflicts | null
}

/** What a batch takes from each selected media item. Images treat `source` as the original. */
export const batchSelections = ['source', 'rendition', 'snapshots', 'all'] as const
export type BatchSelection = (typeof batchSelections)[number]

const batchSelectionFields = {
  mediaType: mediaTypeSchema,
  mediaIds: z.array(mediaIdSchema).min(1).max(10_000),
  selection: z.enum(batchSelections),
  /** For `rendition`: only this definition code; absent takes every definition. */
  definition: z.string().min(1).max(16).optional(),
  /** For `rendition`: only this format (mp4, m3u8, …); absent takes every format. */
  format: z.string().min(1).max(16).optional(),
  /** Archived sources are restored first with these options; absent: they are skipped. */
  restore: restoreOptionsSchema.optional(),
}

export const downloadsSummarizeInputSchema = z.strictObject(batchSelectionFields)

export type DownloadsSummarizeInput = z.input<typeof downloadsSummarizeInputSchema>

/** Shown before a batch starts, so nobody queues 400 GB by accident. */
export interface BatchSummary {
  mediaCount: number
  /** Files that would be queued. */
  count: number
  /** Sum of the known sizes. */
  totalBytes: number
  /** Files whose size VOD does not report (counted in `count`, not in `totalBytes`). */
  unknownSizes: number
  /** Media items with nothing matching the selection (or nothing downloadable). */
  skippedMedia: number
  /**
   * Sources of the selection in archive storage: counted in `count` only with `restore` (they are
   * restored first); without it they are skipped.
   */
  archived?: number
  /** The first of them (up to `skippedMediaListLimit`), by name, and why when it was an error. */
  skippedMediaItems: SkippedMedia[]
  /** Of `count`: files that already have an unfinished job, and files already downloaded. */
  alreadyQueued: number
  alreadyDownloaded: number
}

/** A media item of a batch that gave no file. */
export interface SkippedMedia {
  mediaId: string
  /** Null when the item could not be read at all (see `reason`). */
  title: string | null
  /** Why it could not be read (deleted, not Normal, no stream); null when nothing matched. */
  reason: ErrorData | null
}

/** Media a batch names when nothing matched in them; the count says how many there were. */
export const skippedMediaListLimit = 100

export const downloadsEnqueueSelectionInputSchema = z.strictObject({
  ...batchSelectionFields,
  addressType: z.enum(addressTypes).optional(),
  directory: z.string().trim().min(1).max(4096).optional(),
  duplicates: z.enum(duplicatePolicies).default('skip'),
  conflicts: z.enum(nameConflictChoices).optional(),
})

export type DownloadsEnqueueSelectionInput = z.input<typeof downloadsEnqueueSelectionInputSchema>

export interface EnqueueSelectionResult extends EnqueueResult {
  skippedMedia: number
  skippedMediaItems: SkippedMedia[]
}

/** What a batch of downloads was made from, so its row can name it. */
export type BatchOrigin =
  | {
      kind: 'selection'
      mediaType: MediaType
      selection: BatchSelection
      definition: string | null
      format: string | null
      mediaCount: number
    }
  /** Files picked one by one (Details). */
  | { kind: 'files'; mediaType: MediaType; mediaCount: number; title: string | null }

/** A batch of jobs queued together: when, from what, and the media that gave nothing. */
export interface BatchInfo {
  id: number
  createdAt: number
  origin: BatchOrigin
  skippedMedia: number
  skippedMediaItems: SkippedMedia[]
}

/** Where `downloads.reorder` puts jobs: first, last, or right before another job. */
export const downloadsReorderInputSchema = z.strictObject({
  ids: z.array(z.int().positive()).min(1).max(100_000),
  to: z.union([
    z.literal('top'),
    z.literal('bottom'),
    z.strictObject({ before: z.int().positive() }),
  ]),
})

export type DownloadsReorderInput = z.input<typeof downloadsReorderInputSchema>

/** `downloads.covers`: cover thumbnails for the media of jobs on screen. */
export const downloadsCoversInputSchema = z.strictObject({
  media: z
    .array(z.strictObject({ mediaId: mediaIdSchema, mediaType: mediaTypeSchema }))
    .min(1)
    .max(100),
})

export interface MediaCover {
  mediaId: string
  mediaType: MediaType
  /** A signed display URL that expires; null when the media has no cover. */
  coverUrl: string | null
}

const jobIdSchema = z.int().positive()

export const jobIdsInputSchema = z.strictObject({
  ids: z.array(jobIdSchema).min(1).max(100_000),
})

export const downloadsRemoveInputSchema = z.strictObject({
  ids: z.array(jobIdSchema).min(1).max(100_000),
  /** Also delete the downloaded or partial files; by default only the list entry goes. */
  deleteFiles: z.boolean().default(false),
})

export const moveTargets = ['top', 'up', 'down', 'bottom'] as const
export type MoveTarget = (typeof moveTargets)[number]

export const downloadsMoveInputSchema = z.strictObject({
  id: jobIdSchema,
  to: z.enum(moveTargets),
})

export const jobFileInputSchema = z.strictObject({ jobId: jobIdSchema })

export const jobFilesInputSchema = z.strictObject({
  jobIds: z.array(jobIdSchema).min(1).max(1000),
})

/** `files.reveal` / `files.open`: the desktop shell acts; the headless host only answers the path. */
export interface FileActionResult {
  path: string
  /** True when the shell showed or opened the file; false when the caller should show the path. */
  handled: boolean
}

/** `files.export`: copy or move finished files into a folder the user picks (desktop only). */
export const filesExportInputSchema = z.strictObject({
  jobIds: z.array(jobIdSchema).min(1).max(10_000),
  mode: z.enum(['copy', 'move']),
})

/** What an export did; the desktop asks for the folder and, once, how to handle name conflicts. */
export interface ExportResult {
  canceled: boolean
  transferred: number
  skipped: number
  failed: number
  bytesWritten: number
  /** The destination folder, when one was chosen. */
  destination: string | null
}

/** `dialog.useDroppedFolder`: a folder dropped on the window becomes the download folder. */
export const droppedFolderInputSchema = z.strictObject({
  path: z.string().trim().min(1).max(4096),
})

export const chooseDirectoryInputSchema = z.strictObject({
  defaultPath: z.string().max(4096).optional(),
})

export interface ChooseDirectoryResult {
  /** Null when the user canceled the dialog. */
  path: string | null
}

/**
 * The fields that decide queue order. `position` is the engine's order among jobs of equal
 * priority (what `downloads.move` changes); it is optional so the comparator also works with
 * snapshots that do not carry it yet.
 */
export interface QueueOrderFields {
  id: number
  priority: number
  position?: number
}

/**
 * Queue order, the same as the engine's `ORDER BY priority DESC, position ASC, id ASC`: higher
 * `priority` first, then lower `position`, then older jobs (lower id) first.
 */
export function compareJobQueueOrder(left: QueueOrderFields, right: QueueOrderFields): number {
  if (left.priority !== right.priority) return right.priority - left.priority
  if (
    left.position !== undefined &&
    right.position !== undefined &&
    left.position !== right.position
  ) {
    return left.position - right.position
  }
  return left.id - right.id
}

/** True when two snapshots of a job may sit at different places in the queue. */
export function queueOrderChanged(before: QueueOrderFields, after: QueueOrderFields): boolean {
  return before.priority !== after.priority || before.position !== after.position
}
