import { z } from 'zod'
import {
  backupFileWords,
  backupSourceSchema,
  type BackupDefinition,
  type BackupRunSummary,
} from '../../shared/contract/backups'
import { errorDataSchema, mediaTypeSchema } from '../../shared/contract/media'
import type { ErrorData } from '../../shared/errors'
import type { AddressType } from '../../shared/vod'
import { defaultBackupTemplate } from '../backup/backup-layout'
import type { BackupReport } from '../backup/backup-report'
import type { BackupRequest } from '../backup/backup-request'
import { buildMatchExpression } from './library-match'

/**
 * Saved backups as stored (pure): the definitions and each one's last run, in the settings
 * store of the job database, read tolerantly (a record that does not parse is dropped, never
 * fatal), and the conversions between a saved backup, a backup request and a run's report.
 */

export const backupsKey = 'backups'

const definitionSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  source: backupSourceSchema,
  mediaTypes: z.array(mediaTypeSchema).min(1),
  files: z.array(z.enum(backupFileWords)).min(1),
  folder: z.string().min(1),
  scheduleHours: z.int().min(1).nullable(),
  createdAt: z.number(),
})

const countsSchema = z.object({
  new: z.number(),
  modified: z.number(),
  renamed: z.number(),
  unchanged: z.number(),
  deleted: z.number(),
})

const summarySchema = z.object({
  startedAt: z.number(),
  finishedAt: z.number().nullable(),
  outcome: z.enum(['completed', 'incomplete', 'failed']),
  items: countsSchema,
  files: z.object({
    new: z.number(),
    changed: z.number(),
    downloaded: z.number(),
    failed: z.number(),
    pending: z.number(),
    needsRestore: z.number(),
  }),
  bytes: z.number(),
  error: errorDataSchema.nullable(),
})

/** What the store holds under {@link backupsKey}. */
export interface StoredBackups {
  definitions: BackupDefinition[]
  lastRuns: Record<string, BackupRunSummary>
}

/** Reads the stored backups; anything that does not parse is left out. */
export function readStoredBackups(value: unknown): StoredBackups {
  const record = (value ?? {}) as { definitions?: unknown; lastRuns?: unknown }
  const definitions = Array.isArray(record.definitions)
    ? record.definitions.flatMap((entry) => {
        const parsed = definitionSchema.safeParse(entry)
        return parsed.success ? [parsed.data] : []
      })
    : []
  const lastRuns: Record<string, BackupRunSummary> = {}
  if (record.lastRuns && typeof record.lastRuns === 'object') {
    for (const [id, entry] of Object.entries(record.lastRuns)) {
      const parsed = summarySchema.safeParse(entry)
      if (parsed.success) lastRuns[id] = parsed.data
    }
  }
  return { definitions, lastRuns }
}

/** What a saved backup asks of a run; the address type is the Settings default. */
export function requestOfBackup(backup: BackupDefinition, outputType: AddressType): BackupRequest {
  const { source } = backup
  return {
    mediaTypes: [...backup.mediaTypes],
    scope:
      source.kind === 'library'
        ? { kind: 'all' }
        : source.kind === 'category'
          ? { kind: 'category', categoryId: source.categoryId }
          : {
              kind: 'match',
              match:
                buildMatchExpression({
                  ...(source.title ? { title: source.title } : {}),
                  ...(source.status ? { status: source.status } : {}),
                  ...(source.createdFrom ? { createdFrom: source.createdFrom } : {}),
                  ...(source.createdTo ? { createdTo: source.createdTo } : {}),
                }) ?? '',
            },
    since: null,
    files: [...backup.files],
    definition: null,
    format: null,
    outputType,
    authTimeout: null,
    template: defaultBackupTemplate,
    verify: false,
    deleteGone: false,
  }
}

function filesOf(report: BackupReport, decision: 'new' | 'changed' | 'needs-restore'): number {
  return report.kinds.reduce((sum, kind) => sum + kind.decisions[decision].files, 0)
}

/** A finished run's report as the window shows it. */
export function summaryOfReport(
  report: BackupReport,
  startedAt: number,
  finishedAt: number,
): BackupRunSummary {
  const outcome = report.outcome ?? { downloaded: 0, failed: 0, pending: 0, moved: 0, trashed: 0 }
  const needsRestore = filesOf(report, 'needs-restore')
  const failed = outcome.failed + report.failures.filter((failure) => failure.file === null).length
  return {
    startedAt,
    finishedAt,
    outcome: failed > 0 || outcome.pending > 0 || needsRestore > 0 ? 'incomplete' : 'completed',
    items: {
      new: report.items.new,
      modified: report.items.modified,
      renamed: report.items.renamed,
      unchanged: report.items.unchanged,
      deleted: report.items.deleted,
    },
    files: {
      new: filesOf(report, 'new'),
      changed: filesOf(report, 'changed'),
      downloaded: outcome.downloaded,
      failed,
      pending: outcome.pending,
      needsRestore,
    },
    bytes: report.download.bytes,
    error: null,
  }
}

/** A run that stopped with an error. */
export function failedSummary(
  startedAt: number,
  finishedAt: number,
  error: ErrorData,
): BackupRunSummary {
  return {
    startedAt,
    finishedAt,
    outcome: 'failed',
    items: { new: 0, modified: 0, renamed: 0, unchanged: 0, deleted: 0 },
    files: { new: 0, changed: 0, downloaded: 0, failed: 0, pending: 0, needsRestore: 0 },
    bytes: 0,
    error,
  }
}

/**
 * When a scheduled backup runs next: its interval after the last run started (after it was
 * saved, before its first run). Null without a schedule.
 */
export function nextRunAt(
  backup: BackupDefinition,
  lastRun: BackupRunSummary | null,
): number | null {
  if (backup.scheduleHours === null) return null
  const from = lastRun?.startedAt ?? backup.createdAt
  return from + backup.scheduleHours * 3_600_000
}
