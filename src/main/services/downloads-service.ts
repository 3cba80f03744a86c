import { lstat, readFile, rm, rmdir } from 'node:fs/promises'
import { join } from 'node:path'
import {
  referenceKey,
  skippedMediaListLimit,
  type BatchInfo,
  type BatchOrigin,
  type BatchSummary,
  type DomainHandlers,
  type EnqueueResult,
  type EnqueueSelectionResult,
  type MediaCover,
  type MediaType,
  type MoveTarget,
  type ParsedRequestInput,
  type SkippedMedia,
} from '../../shared/contract'
import { AppError, asAppError } from '../../shared/errors'
import type { JobSnapshot } from '../../shared/jobs'
import type { NameConflictChoice, Settings } from '../../shared/settings'
import type { AddressType, VodFileReference } from '../../shared/vod'
import { resolveInside } from '../engine/file-name'
import type { JobManager } from '../engine/job-manager'
import type { Logger } from '../common/logger'
import { isHlsJob } from '../hls/hls-kind'
import { localPlaylistName } from '../hls/local-playlist'
import type { ImageInfo } from '../vod/actions/get-image-info'
import type { VodClient } from '../vod/client'
import { VodServiceError } from '../vod/errors'
import {
  partsForKinds,
  partsForSelection,
  selectForBatch,
  summarizeBatch,
  type BatchRequest,
} from './batch-selection'
import { mapWithConcurrency } from './concurrency'
import { downloadFolderOf } from './download-folder'
import { planDownloads, type WantedFile } from './download-plan'
import { BatchNotes, type BatchNotesStore } from './batch-notes'
import { existingJobsByKey } from './job-queries'
import { loadMediaCatalogue, type CatalogueEntry } from './media-catalogue'
import type { MediaParts } from './media-parts'
import { conflictChoiceOf, existsOnDisk, settleNameConflicts } from './name-conflict-settlement'
import { archivedInSelection, withRestore } from './media-restore'
import { settle } from './settle'

/** The JobManager operations downloads use; a narrower type keeps the service honest. */
export type DownloadEngine = Pick<
  JobManager,
  | 'addMany'
  | 'list'
  | 'get'
  | 'progress'
  | 'pause'
  | 'resume'
  | 'retry'
  | 'cancel'
  | 'remove'
  | 'pauseAll'
  | 'resumeAll'
  | 'move'
  | 'reorder'
  | 'events'
>

/** The VOD client, the engine and the current settings, passed in by the composition root. */
export interface DownloadsServiceDependencies {
  client: VodClient
  engine: DownloadEngine
  settings: () => Settings
  log: Logger
  /** Media items listed at once for a batch; VOD throttles bursts. Default 4. */
  listingConcurrency?: number
  /** Where batch notes (what a batch was made from) are kept; without it they are not. */
  batchNotes?: BatchNotesStore
}

type EnqueueInput = ParsedRequestInput<'downloads.enqueue'>
type SelectionInput = ParsedRequestInput<'downloads.enqueueSelection'>

/** One media item's listing, or why it could not be listed. */
interface ListedMedia {
  mediaId: string
  title: string | null
  entries: CatalogueEntry[]
  reason: SkippedMedia['reason']
}

/** Where the planned jobs go and what to do with names already taken. */
interface QueueOptions {
  directory: string
  addressType: AddressType | undefined
  duplicates: EnqueueInput['duplicates']
  conflicts: NameConflictChoice | undefined
  origin: BatchOrigin
  skippedMedia?: { count: number; items: SkippedMedia[] }
}

/** Errors that make one media item of a batch "skipped" instead of failing the batch. */
function isUnavailableMedia(error: unknown): boolean {
  return (
    error instanceof VodServiceError &&
    (error.code === 'NotFound' || error.code === 'IllegalStatus' || error.code === 'NoStream')
  )
}

/**
 * Queueing and controlling downloads. Jobs store VOD file references, never URLs; every file
 * is looked up in a fresh listing first, so its name comes from the current template, its
 * identity from the API, and a file that exists only on OSS stays OSS.
 */
export class DownloadsService {
  private readonly notes: BatchNotes

  constructor(private readonly dependencies: DownloadsServiceDependencies) {
    this.notes = new BatchNotes(dependencies.batchNotes)
  }

  list(): JobSnapshot[] {
    return this.dependencies.engine.list()
  }

  async enqueue(input: EnqueueInput): Promise<EnqueueResult> {
    const directory = this.directoryFor(input.directory)
    const outputType = input.addressType ?? this.dependencies.settings().defaultAddressType
    const groups = groupByMedia(input.items.map((item) => item.reference))
    const images = await this.preloadImages(
      groups.flatMap((group) => (group.mediaType === 'image' ? [group.mediaId] : [])),
      outputType,
    )
    const listed = await mapWithConcurrency(groups, this.concurrency, (group) =>
      this.catalogue(
        group.mediaId,
        group.mediaType,
        outputType,
        partsForKinds(group.kinds),
        images.get(group.mediaId),
      ),
    )
    const catalogue = new Map<string, CatalogueEntry>()
    for (const { entries } of listed) {
      for (const entry of withRestore(entries, input.restore)) {
        catalogue.set(referenceKey(entry.listed.reference), entry)
      }
    }
    const first = groups[0]
    return this.queue(input.items, catalogue, {
      directory,
      addressType: input.addressType,
      duplicates: input.duplicates,
      conflicts: input.conflicts,
      origin: {
        kind: 'files',
        mediaType: first?.mediaType ?? 'video',
        mediaCount: groups.length,
        title: groups.length === 1 ? (listed[0]?.title ?? null) : null,
      },
    })
  }

  async summarize(input: BatchRequest & { mediaIds: string[] }): Promise<BatchSummary> {
    const { selected, unavailable, skipped, archived } = await this.selectBatch(
      input,
      this.defaultOutputType(),
    )
    const summary = summarizeBatch(input.mediaIds.length, selected, unavailable)
    // What a start would find already there, by the same rule the queueing uses.
    const existing = existingJobsByKey(this.dependencies.engine.list())
    let alreadyQueued = 0
    let alreadyDownloaded = 0
    for (const entries of selected) {
      for (const entry of entries) {
        const job = existing.get(referenceKey(entry.listed.reference))
        if (!job) continue
        if (job.state === 'completed') alreadyDownloaded += 1
        else alreadyQueued += 1
      }
    }
    return {
      ...summary,
      skippedMediaItems: skipped.slice(0, skippedMediaListLimit),
      alreadyQueued,
      alreadyDownloaded,
      archived,
    }
  }

  async enqueueSelection(input: SelectionInput): Promise<EnqueueSelectionResult> {
    const directory = this.directoryFor(input.directory)
    const outputType = input.addressType ?? this.defaultOutputType()
    const { selected, unavailable, skipped } = await this.selectBatch(input, outputType)
    const catalogue = new Map<string, CatalogueEntry>()
    const wanted: WantedFile[] = []
    for (const entries of selected) {
      for (const entry of entries) {
        catalogue.set(referenceKey(entry.listed.reference), entry)
        wanted.push({ reference: entry.listed.reference })
      }
    }
    const emptyMedia = selected.filter((entries) => entries.length === 0).length
    const skippedMedia = {
      count: emptyMedia + unavailable,
      items: skipped.slice(0, skippedMediaListLimit),
    }
    const result = await this.queue(wanted, catalogue, {
      directory,
      addressType: input.addressType,
      duplicates: input.duplicates,
      conflicts: input.conflicts,
      origin: {
        kind: 'selection',
        mediaType: input.mediaType,
        selection: input.selection,
        definition: input.definition ?? null,
        format: input.format ?? null,
        mediaCount: new Set(input.mediaIds).size,
      },
      skippedMedia,
    })
    return { ...result, skippedMedia: skippedMedia.count, skippedMediaItems: skippedMedia.items }
  }

  /** Notes of the batches that still have jobs (what each was made from, and when). */
  batches(): BatchInfo[] {
    return this.notes.list(this.liveBatchIds())
  }

  reorder(ids: readonly number[], to: 'top' | 'bottom' | { before: number }): void {
    this.dependencies.engine.reorder(this.existing(ids), to)
  }

  /**
   * Cover thumbnails for media on screen: 20 videos (or images) per call. Covers are display
   * URLs that expire; a media item that is gone answers no cover instead of failing the rest.
   */
  async covers(
    media: ReadonlyArray<{ mediaId: string; mediaType: MediaType }>,
  ): Promise<MediaCover[]> {
    const { client } = this.dependencies
    const images = media.filter((item) => item.mediaType === 'image').map((item) => item.mediaId)
    const videos = media.filter((item) => item.mediaType !== 'image').map((item) => item.mediaId)
    const found = new Map<string, string | null>()
    if (videos.length > 0) {
      const answer = await client.getVideoInfos(videos)
      for (const video of answer.videos) found.set(video.videoId, video.coverUrl ?? null)
    }
    if (images.length > 0) {
      const answer = await client.getImageInfos({
        imageIds: images,
        outputType: this.defaultOutputType(),
      })
      for (const image of answer.images) found.set(image.imageId, image.url ?? null)
    }
    return media.map((item) => ({ ...item, coverUrl: found.get(item.mediaId) ?? null }))
  }

  pause(ids: readonly number[]): void {
    for (const id of this.existing(ids)) void this.dependencies.engine.pause(id)
  }

  resume(ids: readonly number[]): void {
    for (const id of this.existing(ids)) this.dependencies.engine.resume(id)
  }

  retry(ids: readonly number[]): void {
    for (const id of this.existing(ids)) this.dependencies.engine.retry(id)
  }

  cancel(ids: readonly number[]): void {
    for (const id of this.existing(ids)) this.dependencies.engine.cancel(id)
  }

  /**
   * Drops jobs from the list; a running job is paused first. Finished files stay unless asked;
   * then the file goes from where the job records it (a move by "Export to folder…" updates
   * that), or, for an HLS stream saved as a folder, that folder. Partial files always go.
   */
  async remove(ids: readonly number[], deleteFiles: boolean): Promise<void> {
    for (const id of this.existing(ids)) {
      await this.stopRunning(id)
      const job = this.dependencies.engine.get(id)
      if (!job) continue
      this.dependencies.engine.remove(id)
      if (deleteFiles && job.state === 'completed' && job.fileName !== '') {
        await this.deleteOutput(job)
      }
    }
  }

  pauseAll(): void {
    this.dependencies.engine.pauseAll()
  }

  resumeAll(): void {
    this.dependencies.engine.resumeAll()
  }

  /** Removes completed jobs from the list (their files stay); answers how many went. */
  clearCompleted(): { removed: number } {
    let removed = 0
    for (const job of this.dependencies.engine.list()) {
      if (job.state !== 'completed') continue
      this.dependencies.engine.remove(job.id)
      removed += 1
    }
    return { removed }
  }

  move(id: number, to: MoveTarget): void {
    this.dependencies.engine.move(id, to)
  }

  /**
   * Deletes a finished job's output: its file, or the folder an HLS stream was saved as. In such
   * a folder only what the engine wrote goes (its local playlist and the segments it lists), and
   * then the folder once nothing else is in it; a folder that does not hold that playlist is not
   * the job's output and is left alone, as is anything a user put beside the segments.
   */
  private async deleteOutput(job: JobSnapshot): Promise<void> {
    const { log } = this.dependencies
    const output = resolveInside(job.directory, job.fileName)
    const info = await lstat(output).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw error
    })
    if (info === null) return
    if (!info.isDirectory()) {
      await rm(output, { force: true })
      return
    }
    const segments = isHlsJob(job) ? await engineWrittenSegments(output) : null
    if (segments === null) {
      log.warn(`job ${job.id}: ${output} is not the job's HLS output folder; left in place`)
      return
    }
    for (const segment of segments) await rm(join(output, segment), { force: true })
    await rm(join(output, localPlaylistName), { force: true })
    await rmdir(output).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code !== 'ENOTEMPTY') throw error
      log.warn(`job ${job.id}: ${output} holds files the download did not write; kept them`)
    })
  }

  private get concurrency(): number {
    return this.dependencies.listingConcurrency ?? 4
  }

  private defaultOutputType(): AddressType {
    return this.dependencies.settings().defaultAddressType
  }

  private directoryFor(requested: string | undefined): string {
    return downloadFolderOf(this.dependencies.settings(), requested)
  }

  private liveBatchIds(): Set<number> {
    const ids = new Set<number>()
    for (const job of this.dependencies.engine.list())
      if (job.batchId !== null) ids.add(job.batchId)
    return ids
  }

  private async catalogue(
    mediaId: string,
    mediaType: MediaType,
    outputType: AddressType,
    parts: MediaParts,
    preloadedImage: ImageInfo | undefined,
  ): Promise<ListedMedia> {
    const catalogue = await loadMediaCatalogue(this.dependencies.client, {
      mediaId,
      mediaType,
      outputType,
      template: this.dependencies.settings().fileNameTemplate,
      parts,
      ...(preloadedImage === undefined ? {} : { preloadedImage }),
    })
    for (const warning of catalogue.warnings) {
      this.dependencies.log.warn(`${mediaId}: ${warning.message}`)
    }
    return { mediaId, title: catalogue.media.title, entries: catalogue.entries, reason: null }
  }

  /**
   * Images queued together are fetched 20 per GetImageInfos call instead of one GetImageInfo
   * each: 5,000 selected images cost 250 calls, not 5,000. An id the batch does not return
   * (missing, or the batch call failed) is looked up on its own, so its error stays its own.
   */
  private async preloadImages(
    imageIds: readonly string[],
    outputType: AddressType,
  ): Promise<ReadonlyMap<string, ImageInfo>> {
    if (imageIds.length < 2) return new Map()
    try {
      const { images } = await this.dependencies.client.getImageInfos({ imageIds, outputType })
      return new Map(images.map((image) => [image.imageId, image]))
    } catch (error) {
      this.dependencies.log.warn(
        `GetImageInfos for ${imageIds.length} images failed, looking them up one by one: ${asAppError(error).message}`,
      )
      return new Map()
    }
  }

  /** Lists every media item of a batch and picks its files; unavailable items are counted. */
  private async selectBatch(
    input: BatchRequest & { mediaIds: string[] },
    outputType: AddressType,
  ): Promise<{
    selected: CatalogueEntry[][]
    unavailable: number
    skipped: SkippedMedia[]
    /** Archived sources of the selection (restored first only with `input.restore`). */
    archived: number
  }> {
    const parts = partsForSelection(input.selection)
    let unavailable = 0
    const mediaIds = [...new Set(input.mediaIds)]
    const images =
      input.mediaType === 'image'
        ? await this.preloadImages(mediaIds, outputType)
        : new Map<string, ImageInfo>()
    const listed = await mapWithConcurrency(
      mediaIds,
      this.concurrency,
      async (mediaId): Promise<ListedMedia> => {
        try {
          return await this.catalogue(
            mediaId,
            input.mediaType,
            outputType,
            parts,
            images.get(mediaId),
          )
        } catch (error) {
          if (!isUnavailableMedia(error)) throw error
          unavailable += 1
          return { mediaId, title: null, entries: [], reason: asAppError(error).toData() }
        }
      },
    )
    const selected: CatalogueEntry[][] = []
    const skipped: SkippedMedia[] = []
    let archived = 0
    for (const media of listed) {
      archived += archivedInSelection(media.entries, input)
      const entries = withRestore(media.entries, input.restore)
      const picked = media.reason === null ? selectForBatch(entries, input) : []
      if (media.reason === null) selected.push(picked)
      if (picked.length === 0) {
        skipped.push({ mediaId: media.mediaId, title: media.title, reason: media.reason })
      }
    }
    return { selected, unavailable, skipped, archived }
  }

  /**
   * Plans the jobs, settles name conflicts, creates the new jobs as one batch and answers what
   * happened to each file. A file whose only job was canceled gets a new job, and the canceled
   * row goes: downloading it again is what Retry on that row would have done.
   */
  private async queue(
    wanted: readonly WantedFile[],
    catalogue: ReadonlyMap<string, CatalogueEntry>,
    options: QueueOptions,
  ): Promise<EnqueueResult> {
    const { engine } = this.dependencies
    const jobs = engine.list()
    const plan = planDownloads(wanted, catalogue, {
      directory: options.directory,
      addressType: options.addressType,
      duplicates: options.duplicates,
      existing: existingJobsByKey(jobs),
    })
    const fresh = plan.flatMap((item) => (item.kind === 'new' ? [item] : []))
    const counts = { alreadyQueued: 0, alreadyDownloaded: 0 }
    for (const item of plan) {
      if (item.kind !== 'existing' || !item.job) continue
      if (item.job.state === 'completed') counts.alreadyDownloaded += 1
      else counts.alreadyQueued += 1
    }
    const settlement = await settleNameConflicts(
      fresh,
      jobs,
      conflictChoiceOf(options.conflicts, this.dependencies.settings()),
      { exists: existsOnDisk, remove: (ids) => this.remove(ids, false) },
    )
    if (settlement.kind === 'ask') {
      const existingJobs = plan.flatMap((item) =>
        item.kind === 'existing' && item.job ? [item.job] : [],
      )
      return {
        jobs: existingJobs,
        added: 0,
        ...counts,
        skippedConflicts: 0,
        replaced: 0,
        renamed: 0,
        conflicts: settlement.conflicts,
      }
    }
    const kept = settlement.kept
    const created =
      kept.length === 0
        ? []
        : engine.addMany(
            kept.map((item) => item.job),
            batchLabel(kept.length),
          )
    const batchId = created[0]?.batchId ?? null
    if (batchId !== null) {
      this.notes.add(
        {
          id: batchId,
          createdAt: created[0]?.createdAt ?? Date.now(),
          origin: options.origin,
          skippedMedia: options.skippedMedia?.count ?? 0,
          skippedMediaItems: options.skippedMedia?.items ?? [],
        },
        this.liveBatchIds(),
      )
    }
    // One job per file asked for, in the order asked.
    const createdByKey = new Map<string, JobSnapshot>()
    kept.forEach((item, index) => {
      const job = created[index]
      if (job) createdByKey.set(item.key, job)
    })
    const ordered: JobSnapshot[] = []
    for (const item of plan) {
      const job =
        item.kind === 'new' ? createdByKey.get(item.key) : (item.job ?? createdByKey.get(item.key))
      if (job) ordered.push(job)
    }
    return {
      jobs: ordered,
      added: created.length,
      ...counts,
      ...settlement.counts,
      conflicts: null,
    }
  }

  /** Ids that all exist, or `NotFound` before anything is touched. */
  private existing(ids: readonly number[]): number[] {
    for (const id of ids) {
      if (!this.dependencies.engine.get(id)) throw new AppError('NotFound', `job ${id}`)
    }
    return [...new Set(ids)]
  }

  /**
   * Pauses a running job and waits until its attempt has unwound (the engine refuses to remove
   * a job that is still running).
   */
  private async stopRunning(id: number): Promise<void> {
    const { engine } = this.dependencies
    if (engine.progress(id) === undefined) return
    await engine.pause(id)
  }
}

/**
 * The segment files an HLS output folder's local playlist lists, when the folder holds the
 * playlist the engine writes (`index.m3u8`, listing only `<media sequence>.ts` names); otherwise
 * `null`.
 */
async function engineWrittenSegments(folder: string): Promise<string[] | null> {
  const playlist = join(folder, localPlaylistName)
  const info = await lstat(playlist).catch(() => null)
  if (!info?.isFile()) return null
  const lines = (await readFile(playlist, 'utf8')).split(/\r?\n/).map((line) => line.trim())
  if (lines[0] !== '#EXTM3U') return null
  const entries = lines.filter((line) => line !== '' && !line.startsWith('#'))
  return entries.every((entry) => /^\d+\.ts$/.test(entry)) ? entries : null
}

/** One group per media item, with the kinds of file wanted from it. */
function groupByMedia(
  references: readonly VodFileReference[],
): Array<{ mediaId: string; mediaType: MediaType; kinds: Set<VodFileReference['kind']> }> {
  const groups = new Map<
    string,
    { mediaId: string; mediaType: MediaType; kinds: Set<VodFileReference['kind']> }
  >()
  for (const reference of references) {
    const key = `${reference.mediaType}|${reference.mediaId}`
    let group = groups.get(key)
    if (!group) {
      group = { mediaId: reference.mediaId, mediaType: reference.mediaType, kinds: new Set() }
      groups.set(key, group)
    }
    group.kinds.add(reference.kind)
  }
  return [...groups.values()]
}

/** Jobs queued together form a batch (one notification, one group in the list). */
function batchLabel(count: number): string | undefined {
  return count > 1 ? `${count} VOD files` : undefined
}

/** The `downloads.*` requests. */
export function downloadsHandlers(service: DownloadsService): DomainHandlers<'downloads'> {
  const done = (work: () => void): Promise<null> =>
    settle(() => {
      work()
      return null
    })
  return {
    'downloads.list': () => settle(() => service.list()),
    'downloads.enqueue': (input) => service.enqueue(input),
    'downloads.summarize': (input) => service.summarize(input),
    'downloads.enqueueSelection': (input) => service.enqueueSelection(input),
    'downloads.pause': (input) => done(() => service.pause(input.ids)),
    'downloads.resume': (input) => done(() => service.resume(input.ids)),
    'downloads.retry': (input) => done(() => service.retry(input.ids)),
    'downloads.cancel': (input) => done(() => service.cancel(input.ids)),
    'downloads.remove': async (input) => {
      await service.remove(input.ids, input.deleteFiles)
      return null
    },
    'downloads.pauseAll': () => done(() => service.pauseAll()),
    'downloads.resumeAll': () => done(() => service.resumeAll()),
    'downloads.clearCompleted': () => settle(() => service.clearCompleted()),
    'downloads.move': (input) => done(() => service.move(input.id, input.to)),
    'downloads.reorder': (input) => done(() => service.reorder(input.ids, input.to)),
    'downloads.batches': () => settle(() => service.batches()),
    'downloads.covers': (input) => service.covers(input.media),
  }
}
