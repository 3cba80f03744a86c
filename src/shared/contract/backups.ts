import { z } from 'zod'
import type { ErrorData } from '../errors'
import { mediaStatuses, mediaTypeSchema, type MediaType } from './media'

/**
 * Library backups as the window sees them: a saved backup (what to copy, where, how often), its
 * last run and, while one runs, its progress. Main runs them with the same engine as
 * `vod-dl vod sync`, and pushes `backups.changed` whenever one of them changes.
 */

/** The file words a backup may take of each item (as `vod-dl vod sync --file`). */
export const backupFileWords = [
  'source',
  'rendition',
  'cover',
  'snapshots',
  'sprites',
  'image',
  'image-original',
] as const
export type BackupFileWord = (typeof backupFileWords)[number]

/** What a backup copies: the whole library, one category (with those below it), or a search. */
export const backupSourceSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('library') }),
  z.strictObject({ kind: z.literal('category'), categoryId: z.int().min(0) }),
  z
    .strictObject({
      kind: z.literal('search'),
      /** Fuzzy title match, as the Library's search. */
      title: z.string().trim().max(128).optional(),
      status: z.enum(mediaStatuses).optional(),
      /** Inclusive bounds on creation time, ISO 8601 instants. */
      createdFrom: z.iso.datetime({ offset: true }).optional(),
      createdTo: z.iso.datetime({ offset: true }).optional(),
    })
    .refine(
      (search) =>
        Boolean(search.title) ||
        search.status !== undefined ||
        search.createdFrom !== undefined ||
        search.createdTo !== undefined,
      { message: 'a saved search needs at least one filter', path: ['title'] },
    ),
])
export type BackupSource = z.infer<typeof backupSourceSchema>

/** Longest schedule: every 30 days. */
export const maximumScheduleHours = 24 * 30

/** `backups.save`: a new backup (no id) or changes to one. */
export const backupInputSchema = z.strictObject({
  id: z.string().min(1).max(64).optional(),
  name: z.string().trim().min(1).max(100),
  source: backupSourceSchema,
  mediaTypes: z.array(mediaTypeSchema).min(1).max(3),
  files: z.array(z.enum(backupFileWords)).min(1).max(backupFileWords.length),
  /** Absolute path of the backup folder (on this machine: a local disk or a mounted NAS). */
  folder: z.string().trim().min(1).max(4096),
  /** Run every N hours while the app runs; null: only when asked ("Run now"). */
  scheduleHours: z.int().min(1).max(maximumScheduleHours).nullable(),
})
export type BackupInput = z.input<typeof backupInputSchema>

export const backupIdInputSchema = z.strictObject({ id: z.string().min(1).max(64) })

/** A saved backup. */
export interface BackupDefinition {
  id: string
  name: string
  source: BackupSource
  mediaTypes: MediaType[]
  files: BackupFileWord[]
  folder: string
  scheduleHours: number | null
  /** Epoch ms. */
  createdAt: number
}

/** What a backup run found and did (the newest run of a backup). */
export interface BackupRunSummary {
  /** Epoch ms. */
  startedAt: number
  finishedAt: number | null
  /**
   * `completed`: everything selected is copied; `incomplete`: some files could not be (failed,
   * paused, archived — the next run tries again); `failed`: the run stopped with `error`.
   */
  outcome: 'completed' | 'incomplete' | 'failed'
  items: { new: number; modified: number; renamed: number; unchanged: number; deleted: number }
  files: {
    new: number
    changed: number
    downloaded: number
    failed: number
    pending: number
    needsRestore: number
  }
  /** Bytes downloaded (known sizes only). */
  bytes: number
  error: ErrorData | null
}

/** How far a running backup is. */
export interface BackupRunProgress {
  phase: string
  listed: number
  resolved: number
  downloads: number
  downloaded: number
  failed: number
}

export interface BackupView extends BackupDefinition {
  lastRun: BackupRunSummary | null
  /** Present while it runs. */
  running: BackupRunProgress | null
  /** When the schedule runs it next (epoch ms), if it has one. */
  nextRunAt: number | null
}
