import type { BatchInfo } from '../../shared/contract'

/** The key-value store the notes live in (the settings table keeps small app state). */
export interface BatchNotesStore {
  get(key: string): unknown
  set(key: string, value: unknown): void
}

const storeKey = 'downloads.batchNotes'

/**
 * What a batch row says about its batch (what was selected, when, which media gave nothing),
 * kept with the jobs so it survives a restart. Notes of batches whose jobs are all gone are
 * dropped whenever a new one is written, so the store stays as small as the list.
 */
export class BatchNotes {
  constructor(private readonly store: BatchNotesStore | undefined) {}

  /** Notes of the batches that still have jobs. */
  list(liveBatchIds: ReadonlySet<number>): BatchInfo[] {
    return this.read().filter((note) => liveBatchIds.has(note.id))
  }

  add(note: BatchInfo, liveBatchIds: ReadonlySet<number>): void {
    if (!this.store) return
    const kept = this.read().filter((other) => liveBatchIds.has(other.id) && other.id !== note.id)
    this.store.set(storeKey, [...kept, note])
  }

  private read(): BatchInfo[] {
    const stored = this.store?.get(storeKey)
    return Array.isArray(stored) ? (stored as BatchInfo[]) : []
  }
}
