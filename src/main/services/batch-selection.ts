import type { BatchSelection, BatchSummary, MediaType } from '../../shared/contract'
import type { RestoreOptions, VodFileKind } from '../../shared/vod'
import type { CatalogueEntry } from './media-catalogue'
import type { MediaParts } from './media-parts'

/** What a batch asks of each selected media item. */
export interface BatchRequest {
  mediaType: MediaType
  selection: BatchSelection
  /** For `rendition`: this definition code only. */
  definition?: string
  /** For `rendition`: this format only. */
  format?: string
  /** Archived sources are restored first with these options; without, they are skipped. */
  restore?: RestoreOptions
}

const snapshotKinds: ReadonlySet<VodFileKind> = new Set<VodFileKind>(['snapshot'])

/** The API calls a batch needs per item: a source-only batch never lists snapshots. */
export function partsForSelection(selection: BatchSelection): MediaParts {
  switch (selection) {
    case 'source':
      return { source: true, renditions: false, snapshots: false }
    case 'rendition':
      return { source: false, renditions: true, snapshots: false }
    case 'snapshots':
      return { source: false, renditions: false, snapshots: true }
    case 'all':
      return { source: true, renditions: true, snapshots: true }
  }
}

/** The API calls needed to find files of these kinds again. */
export function partsForKinds(kinds: Iterable<VodFileKind>): MediaParts {
  const parts: MediaParts = { source: false, renditions: false, snapshots: false }
  for (const kind of kinds) {
    if (kind === 'source') parts.source = true
    else if (kind === 'rendition') parts.renditions = true
    else if (kind !== 'image' && kind !== 'image-original') parts.snapshots = true
  }
  return parts
}

function sameCode(left: string | undefined, right: string | undefined): boolean {
  return right === undefined || left?.toLowerCase() === right.toLowerCase()
}

/**
 * The files a batch takes from one item, downloadable ones only. Renditions are the current
 * streams (not the Invisible older duplicates); images take their original for `source` and
 * the served image for `rendition`, and have no snapshots.
 */
export function selectForBatch(
  entries: readonly CatalogueEntry[],
  request: BatchRequest,
): CatalogueEntry[] {
  const usable = entries.filter((entry) => entry.listed.downloadable)
  if (request.mediaType === 'image') {
    switch (request.selection) {
      case 'source': {
        const original = usable.filter((entry) => entry.listed.kind === 'image-original')
        return original.length > 0
          ? original
          : usable.filter((entry) => entry.listed.kind === 'image')
      }
      case 'rendition':
        return usable.filter((entry) => entry.listed.kind === 'image')
      case 'snapshots':
        return []
      case 'all':
        return usable
    }
  }
  switch (request.selection) {
    case 'source':
      return usable.filter((entry) => entry.listed.kind === 'source')
    case 'rendition':
      return usable.filter(
        (entry) =>
          entry.listed.kind === 'rendition' &&
          entry.listed.status !== 'Invisible' &&
          sameCode(entry.listed.definition, request.definition) &&
          sameCode(entry.listed.format, request.format),
      )
    case 'snapshots':
      return usable.filter((entry) => snapshotKinds.has(entry.listed.kind))
    case 'all':
      return usable
  }
}

/** Adds up what a batch would queue. `selected` holds one list per media item that loaded. */
export function summarizeBatch(
  mediaCount: number,
  selected: readonly (readonly CatalogueEntry[])[],
  unavailableMedia: number,
): Omit<BatchSummary, 'skippedMediaItems' | 'alreadyQueued' | 'alreadyDownloaded'> {
  let count = 0
  let totalBytes = 0
  let unknownSizes = 0
  let emptyMedia = 0
  for (const files of selected) {
    if (files.length === 0) emptyMedia += 1
    for (const entry of files) {
      count += 1
      if (entry.listed.size === undefined) unknownSizes += 1
      else totalBytes += entry.listed.size
    }
  }
  return {
    mediaCount,
    count,
    totalBytes,
    unknownSizes,
    skippedMedia: emptyMedia + unavailableMedia,
  }
}
