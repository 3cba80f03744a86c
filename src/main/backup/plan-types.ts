import type { AddressType, VodFileKind, VodFileReference, VodMediaType } from '../../shared/vod'

/**
 * The words of a backup plan, shared by the planner (pure), the manifest (which stores them) and
 * the reports (CLI table, the Backups screen).
 */

/** What a run found for one media item. */
export const itemDecisions = [
  /** Not in the local copy yet (or deleted in VOD earlier and back now). */
  'new',
  /** Changed in VOD since it was copied (modification time, size, status, storage class…), or
   * its last copy was incomplete: its files are listed again and compared one by one. */
  'modified',
  /** Only its title or category changed (or the layout template did): files move, no bytes. */
  'renamed',
  'unchanged',
  /** In the local copy, gone from VOD. */
  'deleted',
  /** In the local copy, still in VOD, but no longer in this backup's selection. */
  'left',
] as const

export type ItemDecision = (typeof itemDecisions)[number]

/** What a run does with one file. */
export const fileDecisions = [
  'new',
  /** VOD has another version than the local copy (re-uploaded source, new transcode). */
  'changed',
  'unchanged',
  /** The local copy is missing or wrong (size, checksum): downloaded again. */
  'repair',
  /** Archived (Archive / Cold Archive): it must be restored before it can be downloaded. */
  'needs-restore',
  /** Listed but not downloadable now (proprietary encryption, not transcoded yet…). */
  'unavailable',
  /** In the local copy, gone from VOD. */
  'deleted',
] as const

export type FileDecision = (typeof fileDecisions)[number]

/** What happens to the file on disk. */
export type FileAction = 'download' | 'move' | 'keep' | 'trash' | 'skip'

/** Progress of one planned file action. */
export type FileActionState = 'planned' | 'queued' | 'done' | 'failed'

/** Where a run stands; each phase resumes from what the manifest recorded. */
export const runPhases = [
  'listing',
  'resolving',
  'deletions',
  'planned',
  'applying',
  'downloading',
  'done',
] as const

export type RunPhase = (typeof runPhases)[number]

/** One media item as the library listing (SearchMedia) describes it. */
export interface ListedItem {
  mediaId: string
  mediaType: VodMediaType
  title: string
  description: string | null
  tags: string[]
  categoryId: number | null
  categoryName: string | null
  creationTime: string | null
  modificationTime: string | null
  /** Source bytes (video, audio). */
  size: number | null
  /** Seconds. */
  duration: number | null
  status: string | null
  storageClass: string | null
  /** Processing, Success or Failed, when a restore from archive storage was asked for. */
  restoreStatus: string | null
  /** Once its files were listed: what the sidecar records beyond the listing. */
  facts?: Record<string, unknown>
  /** Once its files were listed: why they could not be (the item stays incomplete). */
  failure?: { code: string; message: string }
  /** Gone from VOD between the listing and the listing of its files. */
  vanished?: boolean
}

/**
 * A file's identity in VOD: when any field both sides know differs, the file changed. Sources
 * carry size and checksums, renditions their transcode JobId, snapshots their snapshot job,
 * covers and images the object they are stored as.
 */
export interface FileIdentity {
  size: number | null
  md5: string | null
  crc64: string | null
  /** JobId, snapshot job id or object key, as the kind has one. */
  version: string | null
}

/** One file of an item as the planner sees it in VOD. */
export interface ListedFile extends FileIdentity {
  reference: VodFileReference
  kind: VodFileKind
  selector: string
  /** Extension of the file on disk, without the dot. */
  ext: string
  definition: string | null
  format: string | null
  addressType: AddressType
  downloadable: boolean
  /** Why not, as an error code. */
  reason: string | null
}
