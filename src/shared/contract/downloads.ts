import { z } from 'zod'
import type { JobSnapshot } from '../jobs'
import { addressTypes } from '../settings'
import { mediaIdSchema, mediaTypeSchema, vodFileReferenceSchema } from './media'

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
})

export type DownloadsEnqueueInput = z.input<typeof downloadsEnqueueInputSchema>

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
}

export const downloadsEnqueueSelectionInputSchema = z.strictObject({
  ...batchSelectionFields,
  addressType: z.enum(addressTypes).optional(),
  directory: z.string().trim().min(1).max(4096).optional(),
  duplicates: z.enum(duplicatePolicies).default('skip'),
})

export type DownloadsEnqueueSelectionInput = z.input<typeof downloadsEnqueueSelectionInputSchema>

export interface EnqueueSelectionResult {
  jobs: JobSnapshot[]
  skippedMedia: number
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
