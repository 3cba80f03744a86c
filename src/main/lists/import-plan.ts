import { formatErrorMessage, type AppError, type ErrorCode } from '../../shared/errors'
import type { JobSource } from '../../shared/jobs'
import type { AddressType, UnavailablePart, VodFileKind, VodFileReference } from '../../shared/vod'
import { sanitizeFileName, sanitizeRelativePath } from '../engine/file-name'
import type { NewJob } from '../engine/job-manager'
import type { DownloadableFile } from '../vod/downloadable-files'
import { applicableKinds, defaultFileChoice, type FileChoice } from './file-choices'
import type { ImportEntry, LineProblem } from './import-list'
import { endsTheRun } from './list-errors'
import type { KnownMedia, MediaLookup } from './media-lookup'
import { mapInOrder } from './ordered-pool'

/** How the lines of a list become jobs: the command's options. */
export interface ImportSettings {
  directory: string
  /** `--file`: for lines without a kind; each item's default (source, or the image) if absent. */
  choice?: FileChoice
  /** For lines without their own definition / format. */
  definition?: string
  format?: string
  outputType: AddressType
  /** Lifetime to ask for VOD addresses; the resolver's own choice when absent. */
  authTimeout?: number
  connections?: number
  /** Sent with plain URLs (a Referer). */
  urlHeaders?: Record<string, string>
  /**
   * Names a VOD file for a line that gives no name (the window's file-name template, so an
   * import names files as the Library does). Such lines list the item's files to learn each
   * file's extension. Absent: `vod get`'s names, and single files without a listing.
   */
  nameFile?: (file: DownloadableFile, media: NamedMedia) => string
}

/** The media item a file named by `nameFile` belongs to. */
export interface NamedMedia {
  mediaId: string
  title: string
  createdAt: string | undefined
}

/** What listing one media item's files found (as `vod get` lists them). */
export interface ListedFiles {
  title: string
  selected: DownloadableFile[]
  refused: Array<{ file: DownloadableFile; reason: ErrorCode }>
  /** Parts of the item that could not be listed now (still transcoding…), with why. */
  unavailable?: UnavailablePart[]
}

export interface FileRequest {
  kinds: readonly VodFileKind[]
  definition?: string
  format?: string
  everything: boolean
}

export interface ImportDependencies {
  lookupMedia(mediaIds: readonly string[]): Promise<MediaLookup>
  listFiles(media: KnownMedia, request: FileRequest): Promise<ListedFiles>
}

export interface ImportPlan {
  jobs: NewJob[]
  /** Lines that were not imported. */
  problems: LineProblem[]
  /** Lines imported with a remark (a file another line already asked for). */
  notes: LineProblem[]
}

/** Items whose files are listed at once (each listing is several API calls). */
const listingConcurrency = 4

/**
 * Turns list entries into jobs. Ids are checked in batches first (an id the API does not know is
 * a bad line); a line that names exactly one file (a source, an image, a cover, a rendition with
 * definition and format, a snapshot with its index) becomes a VOD reference at once; any other
 * line lists the item's files as `vod get` does and takes those that match. Bad lines are
 * returned as problems; only errors about the whole run are thrown.
 */
export async function planImport(
  entries: readonly ImportEntry[],
  settings: ImportSettings,
  dependencies: ImportDependencies,
): Promise<ImportPlan> {
  const mediaIds = entries.flatMap((entry) =>
    entry.target.kind === 'media' ? [entry.target.mediaId] : [],
  )
  const lookup: MediaLookup =
    mediaIds.length > 0
      ? await dependencies.lookupMedia(mediaIds)
      : { found: new Map<string, KnownMedia>(), missing: [] }
  const problems: LineProblem[] = []
  const notes: LineProblem[] = []
  const jobs: NewJob[] = []
  const firstLineOfJob = new Map<string, number>()
  const planned = mapInOrder(entries, listingConcurrency, (entry) =>
    planEntry(entry, lookup.found.get(mediaIdOf(entry) ?? ''), settings, dependencies),
  )
  let position = 0
  for await (const outcome of planned) {
    const entry = entries[position++] as ImportEntry
    problems.push(...outcome.problems.map((message) => ({ line: entry.line, message })))
    notes.push(...(outcome.notes ?? []).map((message) => ({ line: entry.line, message })))
    for (const job of outcome.jobs) {
      const key = jobKey(job)
      const earlier = firstLineOfJob.get(key)
      if (earlier !== undefined) {
        notes.push({ line: entry.line, message: `same file as line ${earlier}; downloaded once` })
        continue
      }
      firstLineOfJob.set(key, entry.line)
      jobs.push(job)
    }
  }
  return { jobs, problems, notes }
}

interface EntryOutcome {
  jobs: NewJob[]
  problems: string[]
  /** Remarks on a line that was imported (a part of the item skipped, with why). */
  notes?: string[]
}

async function planEntry(
  entry: ImportEntry,
  media: KnownMedia | undefined,
  settings: ImportSettings,
  dependencies: ImportDependencies,
): Promise<EntryOutcome> {
  if (entry.target.kind === 'url') {
    return { jobs: [urlJob(entry.target.url, entry.fileName, settings)], problems: [] }
  }
  const { mediaId } = entry.target
  if (!media) return { jobs: [], problems: [`${mediaId} does not exist in the VOD library`] }
  const choice = entry.choice ?? settings.choice ?? defaultFileChoice(media.mediaType)
  const kinds = applicableKinds(choice, media.mediaType)
  if (kinds.length === 0) {
    return {
      jobs: [],
      problems: [`${mediaId} is ${article(media.mediaType)}: it has no ${choice.word} file`],
    }
  }
  const definition = entry.definition ?? settings.definition
  const format = entry.format ?? settings.format
  // A name from the template needs the listing (the source's extension is only known there).
  const namedByTemplate = settings.nameFile !== undefined && !entry.fileName
  const reference = namedByTemplate
    ? undefined
    : directReference(media, kinds, { definition, format, index: entry.index }, settings)
  if (reference) {
    return {
      jobs: [
        vodJob(
          reference,
          entry.fileName ? sanitizeRelativePath(entry.fileName) : undefined,
          settings,
        ),
      ],
      problems: [],
    }
  }
  let listed: ListedFiles
  try {
    listed = await dependencies.listFiles(media, {
      kinds,
      ...(definition ? { definition } : {}),
      ...(format ? { format } : {}),
      everything: choice.everything,
    })
  } catch (error) {
    if (endsTheRun(error)) throw error
    return { jobs: [], problems: [`${mediaId}: ${(error as AppError).message}`] }
  }
  const problems = listed.refused.map(
    ({ file, reason }) =>
      `${mediaId} ${file.label}: ${formatErrorMessage(reason, undefined, 'en')}`,
  )
  // A part that is unavailable now is said once per reason; the line's other files still run.
  const skipped = new Map<string, string[]>()
  for (const part of listed.unavailable ?? []) {
    skipped.set(part.error.message, [...(skipped.get(part.error.message) ?? []), part.part])
  }
  const notes = [...skipped].map(
    ([message, parts]) => `${mediaId} ${parts.join(', ')}: skipped — ${message}`,
  )
  if (listed.selected.length === 0 && listed.refused.length === 0) {
    const wanted = [choice.word, definition, format].filter(Boolean).join(' ')
    // Nothing at all from this line: the reasons are its problem, not a remark.
    problems.push(...notes.splice(0), `${mediaId}: no file matches ${wanted}`)
  }
  // Several files of one item go into a folder: the line's name, else the item's title (the
  // template names its own folders).
  const folder =
    listed.selected.length > 1 && !(settings.nameFile && !entry.fileName)
      ? `${sanitizeFileName(entry.fileName ?? listed.title, mediaId)}/`
      : undefined
  const named = (file: DownloadableFile): string =>
    settings.nameFile && !entry.fileName
      ? settings.nameFile(file, {
          mediaId,
          title: listed.title,
          createdAt: media.createdAt,
        })
      : file.suggestedName
  const jobs = listed.selected.map((file) => {
    const fileName =
      folder !== undefined
        ? `${folder}${file.suggestedName}`
        : entry.fileName
          ? sanitizeRelativePath(entry.fileName)
          : named(file)
    return {
      ...vodJob(file.reference, fileName, settings),
      expected: {
        ...(file.size === undefined ? {} : { size: file.size }),
        ...(file.md5 ? { md5: file.md5 } : {}),
        ...(file.crc64 ? { crc64: file.crc64 } : {}),
      },
    }
  })
  return { jobs, problems, notes }
}

/**
 * The reference for a line that names exactly one file, or `undefined` when the item's files
 * must be listed to know which (all renditions, every snapshot, `all`).
 */
export function directReference(
  media: KnownMedia,
  kinds: readonly VodFileKind[],
  selector: {
    definition?: string | undefined
    format?: string | undefined
    index?: number | undefined
  },
  settings: Pick<ImportSettings, 'outputType' | 'authTimeout'>,
): VodFileReference | undefined {
  if (kinds.length !== 1) return undefined
  const kind = kinds[0] as VodFileKind
  const reference: VodFileReference = {
    mediaId: media.mediaId,
    mediaType: media.mediaType,
    kind,
    // The stored original of an image is only served by OSS.
    outputType: kind === 'image-original' ? 'oss' : settings.outputType,
    ...(settings.authTimeout === undefined ? {} : { authTimeout: settings.authTimeout }),
  }
  switch (kind) {
    case 'source':
    case 'image':
    case 'image-original':
      return reference
    case 'cover':
      return selector.index === undefined ? reference : { ...reference, index: selector.index }
    case 'rendition':
      // DASH is listed first, so the line is refused with its reason instead of making a job
      // that cannot finish.
      return selector.definition && selector.format && selector.format.toLowerCase() !== 'mpd'
        ? { ...reference, definition: selector.definition, format: selector.format }
        : undefined
    case 'snapshot':
    case 'sprite':
    case 'sprite-origin':
    case 'webvtt':
      return selector.index === undefined ? undefined : { ...reference, index: selector.index }
  }
}

function urlJob(url: string, fileName: string | undefined, settings: ImportSettings): NewJob {
  const headers = settings.urlHeaders ?? {}
  const source: JobSource =
    Object.keys(headers).length > 0 ? { kind: 'url', url, headers } : { kind: 'url', url }
  return {
    source,
    directory: settings.directory,
    ...(fileName ? { fileName: sanitizeRelativePath(fileName) } : {}),
    ...(settings.connections === undefined ? {} : { connections: settings.connections }),
  }
}

function vodJob(
  reference: VodFileReference,
  fileName: string | undefined,
  settings: ImportSettings,
): NewJob {
  const withLifetime =
    settings.authTimeout === undefined || reference.authTimeout !== undefined
      ? reference
      : { ...reference, authTimeout: settings.authTimeout }
  return {
    source: { kind: 'vod', reference: withLifetime },
    directory: settings.directory,
    ...(fileName ? { fileName } : {}),
    ...(settings.connections === undefined ? {} : { connections: settings.connections }),
  }
}

/** Two lines asking for the same file into the same place make one job. */
function jobKey(job: NewJob): string {
  const source =
    job.source.kind === 'url'
      ? ['url', job.source.url]
      : [
          'vod',
          ...Object.entries(job.source.reference).sort(([left], [right]) =>
            left.localeCompare(right),
          ),
        ]
  return JSON.stringify([source, job.directory, job.fileName ?? null])
}

function mediaIdOf(entry: ImportEntry): string | undefined {
  return entry.target.kind === 'media' ? entry.target.mediaId : undefined
}

function article(mediaType: string): string {
  return mediaType === 'image' ? 'an image' : mediaType === 'audio' ? 'an audio item' : 'a video'
}
