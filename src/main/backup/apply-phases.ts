import { promises as fs } from 'node:fs'
import { posix } from 'node:path'
import type { JobSnapshot } from '../../shared/jobs'
import { backupControlFolder } from '../database/backup-manifest-repository'
import type { ManifestFile, ManifestItem, RunFile } from '../database/backup-manifest-repository'
import { resolveInside } from '../engine/file-name'
import type { NewJob } from '../engine/job-manager'
import { sidecarPath } from './backup-layout'
import { onDiskPath } from './file-plan'
import { moveInside, moveToTrash, removeOwnFile, writeFileAtomically } from './local-files'
import { sidecarText } from './sidecar'
import type { RunContext } from './run-context'

/**
 * The phases that change the disk: moves (renamed titles), the trash (`--delete`), downloads
 * through the engine, and finally each item's record and sidecar. Every step is recorded as it
 * completes, and every step can be done again after a kill without harm.
 */

/** The run's trash folder, chosen once: `.vod-backup/trash/2026-12-07T10-00-00Z`. */
export function trashFolderOf(context: RunContext): string {
  if (context.run.trashFolder) return context.run.trashFolder
  const stamp = new Date(context.run.startedAt)
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/:/g, '-')
  const folder = posix.join(backupControlFolder, 'trash', stamp)
  context.manifest.updateRun(context.run.id, { trashFolder: folder, now: context.now() })
  context.run = { ...context.run, trashFolder: folder }
  return folder
}

/** Runs `work` over every planned file of one action, a batch at a time, in key order. */
async function eachPlanned(
  context: RunContext,
  action: 'move' | 'trash',
  work: (file: RunFile) => Promise<void>,
): Promise<void> {
  let after = { mediaId: '', selector: '' }
  for (;;) {
    const batch = context.manifest.runFiles(context.run.id, action, 'planned', after, 200)
    if (batch.length === 0) return
    const last = batch.at(-1)!
    after = { mediaId: last.mediaId, selector: last.selector }
    for (const file of batch) await work(file)
  }
}

/** Moves files whose title, category or layout changed: no bytes are downloaded. */
export async function movePhase(context: RunContext): Promise<void> {
  const trash = trashFolderOf(context)
  await eachPlanned(context, 'move', async (file) => {
    if (file.previousPath === null || file.localPath === null) return
    try {
      const moved = await moveInside(context.folder, file.previousPath, file.localPath, trash)
      context.manifest.transaction(() => {
        if (moved) context.manifest.moveFile(file.mediaId, file.selector, file.localPath as string)
        context.manifest.setRunFileState(context.run.id, file, moved ? 'done' : 'failed', {
          ...(moved ? {} : { error: 'the file is no longer on disk' }),
        })
      })
    } catch (error) {
      context.manifest.setRunFileState(context.run.id, file, 'failed', {
        error: error instanceof Error ? error.message : String(error),
      })
    }
  })
}

/** `--delete`: files gone from VOD go to the trash, and items gone entirely leave the manifest. */
export async function trashPhase(context: RunContext): Promise<void> {
  const trash = trashFolderOf(context)
  const items = new Set<string>()
  await eachPlanned(context, 'trash', async (file) => {
    if (file.localPath !== null) await moveToTrash(context.folder, trash, file.localPath)
    context.manifest.transaction(() => {
      context.manifest.forgetFile(file.mediaId, file.selector)
      context.manifest.setRunFileState(context.run.id, file, 'done')
    })
    items.add(file.mediaId)
  })
  let afterId = ''
  for (;;) {
    const deleted = context.manifest.runItemsByDecision(context.run.id, 'deleted', afterId, 200)
    if (deleted.length === 0) break
    afterId = deleted.at(-1)!.mediaId
    for (const entry of deleted) {
      if (!context.request.deleteGone) continue
      const item = context.manifest.item(entry.mediaId)
      if (!item) continue
      if (context.manifest.filesOfItem(entry.mediaId).length > 0) continue
      if (item.sidecarPath) await moveToTrash(context.folder, trash, item.sidecarPath)
      context.manifest.forgetItem(entry.mediaId)
    }
  }
}

/** The job that downloads a planned file into its place in the backup folder. */
function jobOf(context: RunContext, file: RunFile): NewJob {
  const reference = file.reference!
  return {
    source: {
      kind: 'vod',
      reference: {
        ...reference,
        ...(context.request.authTimeout === null
          ? {}
          : { authTimeout: context.request.authTimeout }),
      },
    },
    directory: context.folder,
    fileName: file.localPath as string,
    ...(context.connections === undefined ? {} : { connections: context.connections }),
    expected: {
      ...(file.size === null ? {} : { size: file.size }),
      ...(file.md5 ? { md5: file.md5 } : {}),
      ...(file.crc64 ? { crc64: file.crc64 } : {}),
    },
  }
}

async function exists(folder: string, path: string): Promise<boolean> {
  try {
    await fs.lstat(resolveInside(folder, path))
    return true
  } catch {
    return false
  }
}

/**
 * Puts a finished download in its place and records it: when the engine had to number the name
 * (the old version or a stranger was there), that file goes to the trash and the new one takes
 * the name; an old version elsewhere (another extension) goes to the trash too.
 */
async function finalizeDownload(
  context: RunContext,
  file: RunFile,
  job: JobSnapshot,
): Promise<void> {
  const trash = trashFolderOf(context)
  const planned = file.localPath as string
  const actual = job.fileName
  const wanted =
    file.reference?.format?.toLowerCase() === 'm3u8'
      ? onDiskPath(planned, 'm3u8', actual.toLowerCase().endsWith('.mp4') ? null : actual)
      : planned
  // After a kill between the move and its record, the file is already in place.
  if (actual !== wanted && (await exists(context.folder, actual))) {
    await moveInside(context.folder, actual, wanted, trash)
    context.downloads.relocate(job.id, context.folder, wanted)
  }
  if (file.previousPath !== null && file.previousPath !== wanted) {
    await moveToTrash(context.folder, trash, file.previousPath)
  }
  const checksums = context.downloads.checksums(job.id)
  const now = context.now()
  const record: ManifestFile = {
    mediaId: file.mediaId,
    selector: file.selector,
    kind: file.kind,
    reference: file.reference!,
    size: file.size ?? job.totalBytes,
    md5: file.md5 ?? checksums.md5,
    crc64: file.crc64 ?? checksums.crc64,
    version: file.version,
    localPath: wanted,
    addressType: file.addressType,
    downloadedAt: now,
    verifiedAt: now,
  }
  context.manifest.transaction(() => {
    context.manifest.upsertFile(record)
    context.manifest.setRunFileState(context.run.id, file, 'done')
  })
}

/**
 * Files queued and run at a time. The engine's own bookkeeping (every job it knows is read when
 * it starts, and looked at while it waits) then stays the size of one slice, not of the library.
 */
export const defaultDownloadSlice = 2_000

/** States after which a job of the slice is still owed work (a pause, Ctrl-C). */
function unfinished(state: JobSnapshot['state'] | undefined): boolean {
  return state !== undefined && state !== 'completed' && state !== 'failed' && state !== 'canceled'
}

/**
 * Queues the planned downloads in the engine (ranges, URL renewal, verification and the
 * small-file lane are the engine's), a slice at a time, and waits for each slice, recording
 * each file as it finishes. A continued run first picks up the jobs its killed predecessor
 * queued. A slice that stops unfinished (paused) ends the phase: the rest waits for the next run.
 */
export async function downloadPhase(context: RunContext): Promise<void> {
  const { manifest, run, downloads, downloadSlice } = context
  // Keys only: a backup of a million files must not hold a million plan rows in memory.
  const files = new Map<number, { mediaId: string; selector: string }>()
  const recorded: number[] = []
  const ended = async (job: JobSnapshot): Promise<void> => {
    const key = files.get(job.id)
    const file = key ? manifest.runFile(run.id, key) : undefined
    if (!file) return
    if (job.state === 'completed') {
      try {
        await finalizeDownload(context, file, job)
        context.progress.downloaded += 1
        recorded.push(job.id)
      } catch (error) {
        manifest.setRunFileState(run.id, file, 'failed', {
          error: error instanceof Error ? error.message : String(error),
        })
        context.progress.failed += 1
      }
    } else if (job.state === 'failed' || job.state === 'canceled') {
      manifest.setRunFileState(run.id, file, 'failed', {
        error: job.error?.message ?? job.state,
      })
      context.progress.failed += 1
    }
    // Paused: stays queued; the next run continues it.
    context.onProgress(context.progress)
  }
  /** Runs one slice; false when it stopped unfinished. */
  const runSlice = async (ids: number[]): Promise<boolean> => {
    if (ids.length > 0) await downloads.run(ids, ended)
    // What the manifest now records needs no job any more (the CLI forgets it).
    downloads.forget(recorded.splice(0))
    for (const id of ids) files.delete(id)
    return !ids.some((id) => unfinished(downloads.get(id)?.state))
  }
  context.progress.downloads = manifest
    .actionTallies(run.id)
    .filter((tally) => tally.action === 'download' && tally.state !== 'done')
    .reduce((sum, tally) => sum + tally.files, 0)
  context.onProgress(context.progress)

  // Jobs an earlier, killed process of this run recorded but had not dropped yet.
  for (let afterJob = 0; ;) {
    const ids = manifest.recordedJobIds(run.id, afterJob, downloadSlice)
    if (ids.length === 0) break
    downloads.forget(ids)
    afterJob = ids.at(-1)!
  }
  // Jobs queued by an earlier, killed process of this run.
  const slice: number[] = []
  let after = { mediaId: '', selector: '' }
  for (;;) {
    const batch = manifest.runFiles(run.id, 'download', 'queued', after, downloadSlice)
    if (batch.length === 0) break
    after = { mediaId: batch.at(-1)!.mediaId, selector: batch.at(-1)!.selector }
    for (const file of batch) {
      const job = file.jobId === null ? undefined : downloads.get(file.jobId)
      if (!job) {
        manifest.setRunFileState(run.id, file, 'planned')
        continue
      }
      files.set(job.id, { mediaId: file.mediaId, selector: file.selector })
      if (job.state === 'completed') {
        await ended(job)
        continue
      }
      if (job.state === 'failed' || job.state === 'canceled') downloads.retry(job.id)
      slice.push(job.id)
      if (slice.length >= downloadSlice) {
        if (!(await runSlice(slice.splice(0)))) return
      }
    }
  }
  if (!(await runSlice(slice.splice(0)))) return

  // Planned downloads become jobs, a slice at a time.
  const label = `Backup → ${posix.basename(context.folder.replace(/\\/g, '/'))}`
  for (;;) {
    const batch = manifest.runFiles(
      run.id,
      'download',
      'planned',
      { mediaId: '', selector: '' },
      downloadSlice,
    )
    if (batch.length === 0) return
    const jobs = downloads.add(
      batch.map((file) => jobOf(context, file)),
      label,
    )
    manifest.recordQueued(
      run.id,
      batch.map((file, index) => ({ ...file, jobId: jobs[index]!.id })),
    )
    batch.forEach((file, index) => {
      files.set(jobs[index]!.id, { mediaId: file.mediaId, selector: file.selector })
    })
    if (!(await runSlice(jobs.map((job) => job.id)))) return
  }
}

/**
 * Records each new, modified or renamed item as the local copy now has it, and writes its
 * sidecar (moving it when the title changed). An item is complete when every selected file is
 * on disk; an incomplete one (a failed or paused download, an archived source) is looked at
 * again by the next run.
 */
export async function finishPhase(context: RunContext): Promise<void> {
  const { manifest, run } = context
  let afterId = ''
  for (;;) {
    const batch = manifest.unappliedItems(run.id, afterId, 200)
    if (batch.length === 0) return
    afterId = batch.at(-1)!.mediaId
    for (const entry of batch) {
      const listed = entry.listed
      const known = manifest.item(entry.mediaId)
      if (!listed || listed.vanished || (listed.failure && !known)) {
        manifest.markItemApplied(run.id, entry.mediaId)
        continue
      }
      if (listed.failure && known) {
        // Its files could not be listed: the copy stays as it was, looked at again next time.
        manifest.transaction(() => {
          manifest.upsertItem({ ...known, complete: false })
          manifest.markItemApplied(run.id, entry.mediaId)
        })
        continue
      }
      const planned = manifest.runFilesOfItem(run.id, entry.mediaId)
      const unfinished = planned.some(
        (file) => (file.action === 'download' || file.action === 'move') && file.state !== 'done',
      )
      // Not downloadable for good (no source kept, proprietary encryption) is no reason to look
      // again: a change would show in the listing. An archived file is: its restore may not.
      const complete = !unfinished && planned.every((file) => file.decision !== 'needs-restore')
      const files = manifest.filesOfItem(entry.mediaId)
      if (files.length === 0 && !known && unfinished) {
        // Nothing of it arrived: it is new again next time.
        manifest.markItemApplied(run.id, entry.mediaId)
        continue
      }
      const { facts, failure: _failure, vanished: _vanished, ...rest } = listed
      const item: ManifestItem = {
        mediaId: rest.mediaId,
        mediaType: rest.mediaType,
        title: rest.title,
        categoryId: rest.categoryId,
        categoryName: rest.categoryName,
        creationTime: rest.creationTime,
        modificationTime: rest.modificationTime,
        size: rest.size,
        status: rest.status,
        storageClass: rest.storageClass,
        selection: context.selectionWord,
        sidecarPath: sidecarPath(context.request.template, {
          mediaId: rest.mediaId,
          mediaType: rest.mediaType,
          title: rest.title,
          categoryName: rest.categoryName,
          creationTime: rest.creationTime,
        }),
        metadata: {
          ...(known?.metadata ?? {}),
          ...(facts ?? {}),
          description: rest.description,
          tags: rest.tags,
          ...(rest.duration === null ? {} : { duration: rest.duration }),
          ...(rest.restoreStatus === null ? {} : { restoreStatus: rest.restoreStatus }),
        },
        complete,
        syncedAt: context.now(),
        deletedAt: null,
      }
      await writeFileAtomically(
        context.folder,
        item.sidecarPath as string,
        sidecarText(item, files, item.sidecarPath as string),
      )
      if (known?.sidecarPath && known.sidecarPath !== item.sidecarPath) {
        await removeOwnFile(context.folder, known.sidecarPath)
      }
      manifest.transaction(() => {
        manifest.upsertItem(item)
        manifest.markItemApplied(run.id, entry.mediaId)
      })
    }
  }
}
