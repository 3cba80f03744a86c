import type { BackupManifestRepository, RunRecord } from '../database/backup-manifest-repository'
import type { VodClient } from '../vod/client'
import { listCategoryTree, withDescendants } from '../vod/category-tree'
import { buildReport, type BackupReport } from './backup-report'
import {
  fileSelectionOf,
  requestFingerprint,
  selectionWordOf,
  validateBackupRequest,
  type BackupRequest,
} from './backup-request'
import {
  defaultDownloadSlice,
  downloadPhase,
  finishPhase,
  movePhase,
  trashPhase,
} from './apply-phases'
import { deletionsPhase, listingPhase, resolvingPhase } from './plan-phases'
import type { RunPhase } from './plan-types'
import type { BackupDownloads, BackupProgress, RunContext } from './run-context'

/**
 * One backup run: plan (list the library, compare it with the manifest, list the files of what
 * changed, find what is gone), then apply (move, trash, download, record). The run is itself
 * durable: its phase, listing cursor and plan are in the manifest, so after a kill the same
 * request continues where the last one stopped — without listing again what it already
 * planned, and picking up the downloads it had queued.
 */

export interface BackupRunDependencies {
  client: VodClient
  manifest: BackupManifestRepository
  downloads: BackupDownloads
  now: () => number
  onProgress?: (progress: BackupProgress) => void
  /** API calls made so far by `client` (the CLI counts them); the report states this run's. */
  apiCalls?: () => number
  signal?: AbortSignal
}

export interface BackupRunOptions {
  folder: string
  request: BackupRequest
  /** Plan and report only: no file is downloaded, moved or deleted. */
  dryRun: boolean
  connections?: number
  /** Items whose files are listed at once (default 20, one GetVideoInfos). */
  batchSize?: number
  /** Items listed in parallel (default 4). */
  concurrency?: number
  /** Files queued and run at a time (default 2,000). */
  downloadSlice?: number
}

const templateKey = 'template'

/** This process's peak resident memory so far, in MiB (`maxRSS` is in KiB). */
function peakRssMiB(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024)
}

function phaseIndex(phase: RunPhase): number {
  return [
    'listing',
    'resolving',
    'deletions',
    'planned',
    'applying',
    'downloading',
    'done',
  ].indexOf(phase)
}

/**
 * The run to work on: the unfinished one of the same request (continued), or a new one. An
 * unfinished run of another request is dropped; the files it downloaded are kept, and the new
 * run finds them in their places.
 */
function openRun(
  manifest: BackupManifestRepository,
  request: BackupRequest,
  dryRun: boolean,
  now: number,
): { run: RunRecord; continued: boolean } {
  const fingerprint = requestFingerprint(request)
  const unfinished = manifest.unfinishedRun(dryRun)
  if (unfinished && unfinished.fingerprint === fingerprint) {
    return { run: unfinished, continued: true }
  }
  if (unfinished) manifest.abandonRun(unfinished.id)
  const run = manifest.startRun({
    fingerprint,
    request: JSON.stringify(request),
    dryRun,
    now,
  })
  return { run, continued: false }
}

export async function runBackup(
  dependencies: BackupRunDependencies,
  options: BackupRunOptions,
): Promise<BackupReport & { continued: boolean }> {
  const { manifest, now } = dependencies
  validateBackupRequest(options.request)
  const startCalls = dependencies.apiCalls?.() ?? 0
  const { run, continued } = openRun(manifest, options.request, options.dryRun, now())
  const storedTemplate = manifest.info(templateKey)
  const { scope } = options.request
  // A category is backed up with the categories below it, as the Library filters it.
  const categoryIds =
    scope.kind === 'category'
      ? withDescendants(
          await listCategoryTree(
            dependencies.client,
            'default',
            dependencies.signal ? { signal: dependencies.signal } : {},
          ),
          scope.categoryId,
        )
      : null
  const context: RunContext = {
    folder: options.folder,
    request: options.request,
    selection: fileSelectionOf(options.request),
    selectionWord: selectionWordOf(options.request),
    templateChanged: storedTemplate !== undefined && storedTemplate !== options.request.template,
    categoryIds,
    manifest,
    client: dependencies.client,
    downloads: dependencies.downloads,
    now,
    run,
    progress: { phase: run.phase, listed: 0, resolved: 0, downloads: 0, downloaded: 0, failed: 0 },
    onProgress: dependencies.onProgress ?? (() => undefined),
    batchSize: options.batchSize ?? 20,
    concurrency: options.concurrency ?? 4,
    downloadSlice: options.downloadSlice ?? defaultDownloadSlice,
    connections: options.connections,
    signal: dependencies.signal,
  }
  const timings = {
    planningMs: 0,
    resolvingMs: 0,
    applyingMs: 0,
    planningPeakRssMiB: 0,
    peakRssMiB: 0,
  }
  const advance = (phase: RunPhase): void => {
    const apiCalls = run.apiCalls + (dependencies.apiCalls?.() ?? 0) - startCalls
    manifest.updateRun(run.id, { phase, apiCalls, now: now() })
    context.run = { ...context.run, phase }
    context.progress.phase = phase
    context.onProgress(context.progress)
  }
  const reached = (phase: RunPhase): boolean => phaseIndex(context.run.phase) > phaseIndex(phase)

  let started = now()
  if (!reached('listing')) {
    await listingPhase(context)
    advance('resolving')
  }
  timings.planningMs = now() - started
  timings.planningPeakRssMiB = peakRssMiB()
  started = now()
  if (!reached('resolving')) {
    await resolvingPhase(context)
    advance('deletions')
  }
  if (!reached('deletions')) {
    await deletionsPhase(context)
    advance('planned')
  }
  timings.resolvingMs = now() - started
  started = now()
  if (!options.dryRun) {
    if (!reached('planned')) advance('applying')
    if (!reached('applying')) {
      await movePhase(context)
      await trashPhase(context)
      advance('downloading')
    }
    await downloadPhase(context)
    await finishPhase(context)
    manifest.setInfo(templateKey, options.request.template)
  }
  timings.applyingMs = now() - started
  timings.peakRssMiB = peakRssMiB()

  const apiCalls =
    dependencies.apiCalls === undefined ? null : run.apiCalls + dependencies.apiCalls() - startCalls
  const finishedAt = now()
  const report = buildReport({
    runId: run.id,
    dryRun: options.dryRun,
    folder: options.folder,
    mediaTypes: options.request.mediaTypes,
    startedAt: run.startedAt,
    finishedAt,
    itemTallies: manifest.itemTallies(run.id),
    fileTallies: manifest.fileTallies(run.id, context.selection.kinds),
    egress: manifest.egressTallies(run.id),
    actions: options.dryRun ? null : manifest.actionTallies(run.id),
    failures: manifest.failedFiles(run.id, 100),
    itemFailures: manifest.itemFailures(run.id, 100),
    trashFolder: context.run.trashFolder,
    apiCalls,
    timings,
  })
  manifest.finishRun(run.id, JSON.stringify(report), finishedAt)
  return { ...report, continued }
}
