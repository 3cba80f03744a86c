import type { AddressType, VodFileKind, VodMediaType } from '../../shared/vod'
import { vodFileKinds } from '../../shared/vod'
import type { EgressTally, FileTally, RunFile } from '../database/backup-manifest-repository'
import { fileDecisions, itemDecisions, type FileDecision, type ItemDecision } from './plan-types'

/**
 * A run's report (pure): what the plan found, per item and per file kind, what it costs to
 * download and from where, and — once applied — what happened. The CLI prints it as a table or
 * JSON; the Backups screen shows it as the last run.
 */

export interface CountAndBytes {
  files: number
  bytes: number
  /** Files whose size VOD does not tell (covers, snapshots): not in `bytes`. */
  unknownSizes: number
}

export interface KindReport {
  kind: VodFileKind
  decisions: Record<FileDecision, CountAndBytes>
}

export interface BackupReport {
  runId: number
  dryRun: boolean
  folder: string
  mediaTypes: VodMediaType[]
  startedAt: string
  finishedAt: string | null
  items: Record<ItemDecision, number>
  kinds: KindReport[]
  /** What will be (or was) downloaded: by address type, the cost basis (OSS egress or CDN traffic). */
  download: CountAndBytes & { byAddressType: Record<AddressType, CountAndBytes> }
  /** Once applied: files downloaded, moved, trashed, failed. */
  outcome: {
    downloaded: number
    moved: number
    trashed: number
    failed: number
    /** Files still queued or paused when the run ended (the next run continues them). */
    pending: number
  } | null
  /** `file` is null when the item's files could not be listed at all. */
  failures: Array<{ mediaId: string; file: string | null; error: string }>
  /** Relative to the backup folder, when the run moved anything there. */
  trashFolder: string | null
  /** API calls this run made (`null` when not counted). */
  apiCalls: number | null
  /**
   * Time spent listing the library and comparing it with the manifest (planning), listing the
   * files of what changed (resolving) and applying; the process's peak memory when planning
   * ended and at the end (MiB, resident set).
   */
  timings: {
    planningMs: number
    resolvingMs: number
    applyingMs: number
    planningPeakRssMiB: number
    peakRssMiB: number
  }
}

function empty(): CountAndBytes {
  return { files: 0, bytes: 0, unknownSizes: 0 }
}

function add(target: CountAndBytes, tally: { files: number; bytes: number; unknownSizes: number }) {
  target.files += tally.files
  target.bytes += tally.bytes
  target.unknownSizes += tally.unknownSizes
}

export interface ReportInput {
  runId: number
  dryRun: boolean
  folder: string
  mediaTypes: VodMediaType[]
  startedAt: number
  finishedAt: number | null
  itemTallies: ReadonlyMap<ItemDecision, number>
  fileTallies: readonly FileTally[]
  egress: readonly EgressTally[]
  actions: ReadonlyArray<{ action: string; state: string; files: number }> | null
  failures: readonly RunFile[]
  itemFailures: ReadonlyArray<{ mediaId: string; error: string }>
  trashFolder: string | null
  apiCalls: number | null
  timings: BackupReport['timings']
}

export function buildReport(input: ReportInput): BackupReport {
  const items = Object.fromEntries(
    itemDecisions.map((decision) => [decision, input.itemTallies.get(decision) ?? 0]),
  ) as Record<ItemDecision, number>
  const byKind = new Map<VodFileKind, KindReport>()
  for (const tally of input.fileTallies) {
    let report = byKind.get(tally.kind)
    if (!report) {
      report = {
        kind: tally.kind,
        decisions: Object.fromEntries(
          fileDecisions.map((decision) => [decision, empty()]),
        ) as Record<FileDecision, CountAndBytes>,
      }
      byKind.set(tally.kind, report)
    }
    add(report.decisions[tally.decision], tally)
  }
  const kinds = vodFileKinds.flatMap((kind) => {
    const report = byKind.get(kind)
    return report ? [report] : []
  })
  const download = { ...empty(), byAddressType: { cdn: empty(), oss: empty() } }
  for (const tally of input.egress) {
    add(download, tally)
    add(download.byAddressType[tally.addressType], tally)
  }
  let outcome: BackupReport['outcome'] = null
  if (input.actions) {
    const count = (action: string, state: string): number =>
      input.actions
        ?.filter((entry) => entry.action === action && entry.state === state)
        .reduce((sum, entry) => sum + entry.files, 0) ?? 0
    outcome = {
      downloaded: count('download', 'done'),
      moved: count('move', 'done'),
      trashed: count('trash', 'done'),
      failed: count('download', 'failed') + count('move', 'failed') + count('trash', 'failed'),
      pending: count('download', 'queued') + count('download', 'planned'),
    }
  }
  return {
    runId: input.runId,
    dryRun: input.dryRun,
    folder: input.folder,
    mediaTypes: input.mediaTypes,
    startedAt: new Date(input.startedAt).toISOString(),
    finishedAt: input.finishedAt === null ? null : new Date(input.finishedAt).toISOString(),
    items,
    kinds,
    download,
    outcome,
    failures: [
      ...input.itemFailures.map((failure) => ({
        mediaId: failure.mediaId,
        file: null,
        error: failure.error,
      })),
      ...input.failures.map((file) => ({
        mediaId: file.mediaId,
        file: file.localPath ?? file.selector,
        error: file.error ?? 'failed',
      })),
    ],
    trashFolder: input.trashFolder,
    apiCalls: input.apiCalls,
    timings: input.timings,
  }
}
