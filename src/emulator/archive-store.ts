import type { DemoLibrary, DemoMedia, RestoreTier, StorageClass } from './library-types'

/**
 * Archive storage: which objects are frozen, and the restores RestoreMedia starts. A frozen
 * object is refused by the origin and the edge with 403 `InvalidObjectState` until a restore
 * completes; the restored copy stays readable for `RestoreDays`, then the object is frozen again.
 * `Source…` classes freeze the source only, `Archive` and `ColdArchive` the streams too.
 */

/** How long a restore takes, in seconds of emulator time. */
export interface RestoreDurations {
  archive: number
  coldArchive: Record<RestoreTier, number>
}

/**
 * Defaults: the real durations (Archive about a minute; Cold Archive within an hour, 2–5 hours,
 * 5–12 hours) shortened so that the demo shows a restore finishing while one watches.
 */
export const defaultRestoreDurations: RestoreDurations = {
  archive: 20,
  coldArchive: { Expedited: 30, Standard: 60, Bulk: 120 },
}

/** Every duration set to the same number of seconds (tests: one or two). */
export function uniformRestoreDurations(seconds: number): RestoreDurations {
  if (!Number.isFinite(seconds) || seconds < 0) {
    throw new RangeError(`restoreSeconds must be a number of seconds, 0 or more: ${seconds}`)
  }
  return { archive: seconds, coldArchive: { Expedited: seconds, Standard: seconds, Bulk: seconds } }
}

interface Restore {
  tier: RestoreTier
  days: number
  /** Epoch ms at which the restore ends. */
  readyAt: number
  /** Epoch ms at which the restored copy is frozen again. */
  expiresAt: number
  outcome: 'Success' | 'Failed'
}

/** What GetMezzanineInfo and GetVideoInfo report about a restore. */
export interface RestoreView {
  status: 'Processing' | 'Success' | 'Failed'
  /** Epoch ms; only for a successful restore. */
  expiration?: number
}

/** Why RestoreMedia refuses an id (its `ForbiddenList` reason). */
export type RestoreRefusal = 'Forbidden.RestoreMedia'

const dayMs = 86_400_000

export class ArchiveStore {
  private readonly restores = new Map<string, Restore>()
  private readonly failing = new Set<string>()
  /** `bucket/key` of every frozen-class object → the media it belongs to. */
  private readonly owners = new Map<string, DemoMedia>()

  constructor(
    library: DemoLibrary,
    private readonly now: () => number,
    private readonly durations: RestoreDurations,
  ) {
    for (const media of [...library.videos, ...library.audios]) {
      const storageClass = storageClassOf(media)
      if (!isArchived(storageClass)) continue
      this.owners.set(objectKey(media.source.object), media)
      if (!wholeItemArchived(storageClass)) continue
      for (const stream of media.streams) {
        this.owners.set(objectKey(stream.object), media)
        for (const segment of stream.segments ?? []) this.owners.set(objectKey(segment), media)
      }
    }
  }

  storageClassOf(media: DemoMedia): StorageClass {
    return storageClassOf(media)
  }

  /** The restore state of an archived item, or undefined when none was asked for (or it lapsed). */
  restoreOf(media: DemoMedia): RestoreView | undefined {
    const restore = this.current(media.id)
    if (!restore) return undefined
    if (this.now() < restore.readyAt) return { status: 'Processing' }
    return restore.outcome === 'Success'
      ? { status: 'Success', expiration: restore.expiresAt }
      : { status: 'Failed' }
  }

  /**
   * RestoreMedia for one item: starts a restore of a frozen item (again after a failure or once
   * its copy lapsed), leaves a running one alone and lengthens a finished one's readable time.
   */
  restore(
    media: DemoMedia,
    request: { days: number; tier: RestoreTier },
  ): RestoreRefusal | undefined {
    const storageClass = storageClassOf(media)
    if (!isArchived(storageClass)) return 'Forbidden.RestoreMedia'
    const now = this.now()
    const current = this.current(media.id)
    if (current && now < current.readyAt) return undefined
    if (current?.outcome === 'Success') {
      current.expiresAt = Math.max(current.expiresAt, now + request.days * dayMs)
      return undefined
    }
    // Only Cold Archive has priorities; Archive restores all take the same time.
    const seconds = isColdArchiveClass(storageClass)
      ? this.durations.coldArchive[request.tier]
      : this.durations.archive
    const readyAt = now + seconds * 1000
    this.restores.set(media.id, {
      tier: request.tier,
      days: request.days,
      readyAt,
      expiresAt: readyAt + request.days * dayMs,
      outcome: this.failing.delete(media.id) ? 'Failed' : 'Success',
    })
    return undefined
  }

  /** What the item's current restore was asked for with (for tests), if there is one. */
  requestOf(mediaId: string): { tier: RestoreTier; days: number } | undefined {
    const restore = this.current(mediaId)
    return restore ? { tier: restore.tier, days: restore.days } : undefined
  }

  /** Makes the running restore of the item, or its next one, end in `Failed`. */
  failRestore(mediaId: string): void {
    const current = this.restores.get(mediaId)
    if (current && this.now() < current.readyAt) current.outcome = 'Failed'
    else this.failing.add(mediaId)
  }

  /** Whether the origin and the edge must refuse to read this object now. */
  isFrozen(bucket: string, key: string): boolean {
    const media = this.owners.get(`${bucket}/${key}`)
    if (!media) return false
    return this.restoreOf(media)?.status !== 'Success'
  }

  /** The item's restore, forgotten once its copy has lapsed. */
  private current(mediaId: string): Restore | undefined {
    const restore = this.restores.get(mediaId)
    if (restore && restore.outcome === 'Success' && this.now() >= restore.expiresAt) {
      this.restores.delete(mediaId)
      return undefined
    }
    return restore
  }
}

export function storageClassOf(media: DemoMedia): StorageClass {
  return media.storageClass ?? 'Standard'
}

/** The classes whose source is frozen until restored. */
export function isArchived(storageClass: StorageClass): boolean {
  return (
    storageClass === 'Archive' ||
    storageClass === 'ColdArchive' ||
    storageClass === 'SourceArchive' ||
    storageClass === 'SourceColdArchive'
  )
}

export function isColdArchiveClass(storageClass: StorageClass): boolean {
  return storageClass === 'ColdArchive' || storageClass === 'SourceColdArchive'
}

function wholeItemArchived(storageClass: StorageClass): boolean {
  return storageClass === 'Archive' || storageClass === 'ColdArchive'
}

function objectKey(location: { bucket: string; key: string }): string {
  return `${location.bucket}/${location.key}`
}
