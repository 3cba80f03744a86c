import { readCdnPathSignature } from '../../shared/cdn-path-signature'
import { kindOfMediaPart, type VodFileKind } from '../../shared/vod'
import { selectFiles } from '../lists/select-files'
import type { DownloadableFile, MediaDetails } from '../vod/downloadable-files'
import { selectorOf } from './backup-layout'
import type { ListedFile } from './plan-types'

/**
 * The files of one item as a backup sees them (pure): the selected files with the identity that
 * tells a new version from the copy on disk, and the facts its sidecar records.
 */

/** Which files a backup takes of each item. */
export interface FileSelection {
  kinds: readonly VodFileKind[]
  /** `all`: cover candidates and older streams too. */
  everything: boolean
  definition?: string | undefined
  format?: string | undefined
}

/** Error codes that mean "archived: restore it first". */
const restoreReasons: ReadonlySet<string> = new Set(['Archived', 'RestorePending', 'RestoreFailed'])

/** Whether a file that cannot be downloaded now needs a restore from archive storage. */
export function needsRestore(reason: string | null): boolean {
  return reason !== null && restoreReasons.has(reason)
}

/**
 * The object a URL addresses: its path without a CDN type B/C signature (those sit in the path,
 * and change with every address). Query strings (OSS and CDN type A signatures) never count.
 */
export function objectKeyOf(url: string | undefined): string | null {
  if (!url) return null
  let path: string
  try {
    path = new URL(url).pathname
  } catch {
    return null
  }
  const segments = path.split('/').filter((segment) => segment !== '')
  const signature = readCdnPathSignature(segments)
  return `/${(signature ? segments.slice(2) : segments).join('/')}`
}

function extensionOf(name: string): string {
  return /\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1]?.toLowerCase() ?? ''
}

/** The snapshot job that produced each snapshot kind (a new job means new pictures). */
function snapshotJobs(details: MediaDetails): Map<VodFileKind, string> {
  const jobs = new Map<VodFileKind, string>()
  if (details.mediaType === 'image') return jobs
  const kindOfType: Record<string, VodFileKind> = {
    CoverSnapshot: 'cover',
    NormalSnapshot: 'snapshot',
    SpriteSnapshot: 'sprite',
    SpriteOriginSnapshot: 'sprite-origin',
    WebVttSnapshot: 'webvtt',
  }
  for (const list of details.snapshots ?? []) {
    const kind = kindOfType[list.snapshotType]
    if (kind && list.jobId) jobs.set(kind, list.jobId)
  }
  return jobs
}

/** The version a file of this kind carries (see FileIdentity). */
function versionOf(file: DownloadableFile, details: MediaDetails, jobs: Map<VodFileKind, string>) {
  if (details.mediaType === 'image') {
    const url = file.kind === 'image' ? details.image.url : details.image.mezzanine?.fileUrl
    return objectKeyOf(url)
  }
  switch (file.kind) {
    case 'source':
      // The upload's time: a re-uploaded source has a new one (titles and tags do not change it).
      return details.mezzanine?.creationTime ?? null
    case 'rendition':
      return file.jobId ?? null
    case 'cover':
      return file.reference.index === undefined
        ? objectKeyOf(details.video.coverUrl)
        : (jobs.get('cover') ?? null)
    case 'snapshot':
    case 'sprite':
    case 'sprite-origin':
    case 'webvtt':
      return jobs.get(file.kind) ?? null
    case 'image':
    case 'image-original':
      return null
  }
}

/** The listed file for one downloadable file of the item. */
export function listedFileOf(
  file: DownloadableFile,
  details: MediaDetails,
  jobs: Map<VodFileKind, string> = snapshotJobs(details),
): ListedFile {
  const format = file.format ?? null
  return {
    reference: file.reference,
    kind: file.kind,
    selector: selectorOf(file.reference),
    ext:
      file.kind === 'rendition' && format ? format.toLowerCase() : extensionOf(file.suggestedName),
    definition: file.definition ?? null,
    format,
    addressType: file.forcedOss ? 'oss' : file.reference.outputType,
    downloadable: file.downloadable,
    reason: file.reason ?? null,
    size: file.size ?? null,
    md5: file.md5 ?? null,
    crc64: file.crc64 ?? null,
    version: versionOf(file, details, jobs),
  }
}

/** The selected files of an item, downloadable or not (the plan reports why not). */
export function selectedListedFiles(
  details: MediaDetails,
  files: readonly DownloadableFile[],
  selection: FileSelection,
): ListedFile[] {
  const { selected, refused } = selectFiles(files, {
    kinds: selection.kinds,
    everything: selection.everything,
    ...(selection.definition ? { definition: selection.definition } : {}),
    ...(selection.format ? { format: selection.format } : {}),
  })
  const jobs = snapshotJobs(details)
  const listed = [...selected, ...refused.map((entry) => entry.file)].map((file) =>
    listedFileOf(file, details, jobs),
  )
  // Two streams in one slot (an older duplicate and its successor): the current one wins.
  const bySelector = new Map<string, ListedFile>()
  for (const file of listed) {
    const known = bySelector.get(file.selector)
    if (!known || (!known.downloadable && file.downloadable)) bySelector.set(file.selector, file)
  }
  return [...bySelector.values()]
}

/** Kinds whose part of the item could not be listed now: their local files are left alone. */
export function unlistedKinds(details: MediaDetails): Set<VodFileKind> {
  const kinds = new Set<VodFileKind>()
  if (details.mediaType === 'image') return kinds
  for (const part of details.unavailable ?? []) kinds.add(kindOfMediaPart[part.part])
  return kinds
}

/** The facts of the item's sidecar that the listing does not give. */
export function sidecarFactsOf(details: MediaDetails): Record<string, unknown> {
  if (details.mediaType === 'image') {
    const original = details.image.mezzanine
    return {
      width: original?.width ?? null,
      height: original?.height ?? null,
      originalFileName: original?.originalFileName ?? null,
    }
  }
  const { video, mezzanine } = details
  const streams = details.playInfos ?? []
  const widest = [...streams].sort((left, right) => (right.width ?? 0) - (left.width ?? 0))[0]
  const width = mezzanine?.width ?? widest?.width ?? null
  const height = mezzanine?.height ?? widest?.height ?? null
  return {
    width,
    height,
    resolution: width && height ? `${width}x${height}` : null,
    duration: video.duration ?? mezzanine?.duration ?? null,
    storageLocation: video.storageLocation ?? null,
    sourceFileName: mezzanine?.fileName ?? null,
    restoreStatus: restoreStatusOf(mezzanine) ?? restoreStatusOf(video) ?? null,
  }
}

/** Read without depending on it: replies (and clients) before archive storage have no such field. */
function restoreStatusOf(fields: object | undefined): string | undefined {
  return (fields as { restoreStatus?: string | undefined } | undefined)?.restoreStatus
}
