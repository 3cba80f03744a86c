import { referenceKey, type duplicatePolicies } from '../../shared/contract'
import { AppError } from '../../shared/errors'
import type { JobSnapshot } from '../../shared/jobs'
import type { AddressType, VodFileReference } from '../../shared/vod'
import { sanitizeRelativePath } from '../engine/file-name'
import type { NewJob } from '../engine/job-manager'
import { describeReference } from '../vod/reference-label'
import type { CatalogueEntry } from './media-catalogue'

/** One file the caller wants, as `downloads.enqueue` receives it. */
export interface WantedFile {
  reference: VodFileReference
  /** Overrides the template's name (a relative path). */
  fileName?: string
}

/** Where and how the planned jobs download. */
export interface PlanOptions {
  /** Absolute download folder. */
  directory: string
  addressType: AddressType | undefined
  duplicates: (typeof duplicatePolicies)[number]
  /** Jobs that already download a file, by reference key (see `existingJobsByKey`). */
  existing: ReadonlyMap<string, JobSnapshot>
}

/** Per wanted file: a job to create, or an existing job that stands for it. */
export type PlannedFile =
  | { kind: 'new'; key: string; job: NewJob }
  /** Already queued or downloaded (or asked twice in this request). */
  | { kind: 'existing'; key: string; job: JobSnapshot | undefined }

/**
 * Turns wanted files into engine jobs. Pure: the catalogue (freshly listed from the API) is the
 * authority on each file, not the renderer's copy of the reference, so a job always stores a
 * reference the resolver can find again and the identity (size, MD5, CRC-64) the listing
 * reported, which the engine checks before the file gets its final name.
 */
export function planDownloads(
  wanted: readonly WantedFile[],
  catalogue: ReadonlyMap<string, CatalogueEntry>,
  options: PlanOptions,
): PlannedFile[] {
  const planned: PlannedFile[] = []
  const seen = new Set<string>()
  for (const item of wanted) {
    const key = referenceKey(item.reference)
    const entry = catalogue.get(key)
    if (!entry) throw new AppError('NotFound', describeReference(item.reference))
    if (!entry.listed.downloadable) {
      throw new AppError(entry.listed.reason ?? 'Unsupported', describeReference(item.reference))
    }
    if (options.duplicates === 'skip' && (seen.has(key) || options.existing.has(key))) {
      planned.push({ kind: 'existing', key, job: options.existing.get(key) })
      continue
    }
    seen.add(key)
    planned.push({ kind: 'new', key, job: newJobFor(entry, item, options) })
  }
  return planned
}

function newJobFor(entry: CatalogueEntry, item: WantedFile, options: PlanOptions): NewJob {
  const { listed, file } = entry
  // Files that exist only on the OSS origin (input-bucket sources, image originals) stay OSS
  // whatever is asked: a CDN address for them does not exist.
  const outputType: AddressType = listed.forcedOss
    ? 'oss'
    : (options.addressType ?? item.reference.outputType)
  // The reference carries no AuthTimeout: the resolver applies the current setting each time.
  const { authTimeout: _ignored, ...reference } = listed.reference
  const expected: NonNullable<NewJob['expected']> = {}
  // An m3u8 rendition's Size is the sum of its segments, not the size of the playlist file.
  if (listed.size !== undefined && listed.format !== 'm3u8') expected.size = listed.size
  if (listed.md5 !== undefined) expected.md5 = listed.md5
  if (listed.crc64 !== undefined) expected.crc64 = listed.crc64
  return {
    source: { kind: 'vod', reference: { ...reference, outputType } },
    directory: options.directory,
    fileName:
      item.fileName === undefined
        ? file.suggestedName
        : sanitizeRelativePath(item.fileName, file.suggestedName),
    expected,
  }
}
