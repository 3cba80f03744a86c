import type { RestoreOptions } from '../../shared/vod'
import { defaultRestoreOptions } from '../../shared/vod'
import { selectForBatch, type BatchRequest } from './batch-selection'
import type { CatalogueEntry } from './media-catalogue'

/**
 * "Restore and download" (pure): with restore options, an archived source that a restore makes
 * readable counts as downloadable, and the reference its job stores asks the resolver to restore
 * it first (RestoreMedia with these options) and to wait for the restore. Without options the
 * entries are returned as they are: archived sources stay refused, with why.
 */
export function withRestore(
  entries: readonly CatalogueEntry[],
  restore: RestoreOptions | undefined,
): CatalogueEntry[] {
  if (!restore) return [...entries]
  return entries.map((entry) => {
    if (!entry.listed.restorable) return entry
    const { reason: _reason, ...listed } = entry.listed
    return {
      listed: { ...listed, downloadable: true, reference: { ...listed.reference, restore } },
      file: {
        ...entry.file,
        downloadable: true,
        reason: null,
        reference: { ...entry.file.reference, restore },
      },
    }
  })
}

/** Whether a picked entry will be restored before its download. */
export function restoresFirst(entry: CatalogueEntry): boolean {
  return entry.listed.reference.restore !== undefined
}

/** How many files a batch request would take from these entries if archived ones were restored. */
export function archivedInSelection(
  entries: readonly CatalogueEntry[],
  request: BatchRequest,
): number {
  return selectForBatch(withRestore(entries, defaultRestoreOptions), request).filter(restoresFirst)
    .length
}
