import type { ErrorCode } from '../../shared/errors'
import {
  isColdArchive,
  sourceIsArchived,
  streamsAreArchived,
  type RestoreTier,
} from '../../shared/vod'

/**
 * Archived media, read from what the API reports (pure). An Archive or Cold Archive object is
 * frozen: OSS refuses to read it (403 `InvalidObjectState`) until a restore (RestoreMedia) has
 * made a readable copy, which lives until `RestoreExpiration`. GetMezzanineInfo and
 * GetVideoInfo report `StorageClass`, `RestoreStatus` (Processing, Success, Failed) and
 * `RestoreExpiration`.
 */

/** The fields of a Mezzanine or a Video that tell whether its files can be read now. */
export interface ArchiveFields {
  storageClass?: string | undefined
  restoreStatus?: string | undefined
  restoreExpiration?: string | undefined
}

/** Whether a file can be read: not archived or restored; frozen; being restored; restore failed. */
export type ArchiveState = 'readable' | 'frozen' | 'restoring' | 'restore-failed'

/** The state of the source file (every archive class freezes it). */
export function sourceArchiveState(fields: ArchiveFields, now?: number): ArchiveState {
  return sourceIsArchived(fields.storageClass) ? restoreState(fields, now) : 'readable'
}

/** The state of the transcoded streams (frozen only when the whole item is archived). */
export function streamsArchiveState(fields: ArchiveFields, now?: number): ArchiveState {
  return streamsAreArchived(fields.storageClass) ? restoreState(fields, now) : 'readable'
}

/**
 * A restore that succeeded is readable until its expiration (when `now` is given); afterwards,
 * or without any restore, the object is frozen again.
 */
function restoreState(fields: ArchiveFields, now: number | undefined): ArchiveState {
  const status = fields.restoreStatus
  if (status === 'Processing') return 'restoring'
  if (status === 'Failed') return 'restore-failed'
  if (status !== 'Success') return 'frozen'
  const expires = parseUtc(fields.restoreExpiration)
  return now === undefined || expires === undefined || expires > now ? 'readable' : 'frozen'
}

/** The error code that explains why a file in this state cannot be downloaded now. */
export function archiveReason(state: ArchiveState): ErrorCode | undefined {
  switch (state) {
    case 'readable':
      return undefined
    case 'frozen':
      return 'Archived'
    case 'restoring':
      return 'RestorePending'
    case 'restore-failed':
      return 'RestoreFailed'
  }
}

/** Epoch ms of a `yyyy-MM-ddTHH:mm:ssZ` time, or undefined when it is not one. */
export function parseUtc(text: string | undefined): number | undefined {
  if (text === undefined) return undefined
  const time = Date.parse(text)
  return Number.isNaN(time) ? undefined : time
}

/** The first look at a restore: soon, since an Archive restore usually takes about a minute. */
export const firstRestoreCheckMs = 5_000

/**
 * The longest pause between two looks, by what a restore usually takes: Archive about a minute;
 * Cold Archive within an hour (Expedited), 2–5 hours (Standard), 5–12 hours (Bulk). A long
 * restore is looked at a few dozen times, a short one within seconds of its end.
 */
export function longestRestoreCheckMs(storageClass: string | undefined, tier: RestoreTier): number {
  if (!isColdArchive(storageClass)) return 30_000
  switch (tier) {
    case 'Expedited':
      return 2 * 60_000
    case 'Standard':
      return 10 * 60_000
    case 'Bulk':
      return 20 * 60_000
  }
}

/**
 * When to look at a restore again: half the time it has run so far (so each look is 1.5 times
 * later than the one before), at least `firstRestoreCheckMs`, at most the class's and tier's
 * longest pause.
 */
export function nextRestoreCheck(input: {
  now: number
  /** When this process first saw or asked for the restore. */
  since: number
  storageClass: string | undefined
  tier: RestoreTier
}): number {
  const elapsed = Math.max(0, input.now - input.since)
  const pause = Math.min(
    Math.max(firstRestoreCheckMs, elapsed / 2),
    longestRestoreCheckMs(input.storageClass, input.tier),
  )
  return input.now + Math.round(pause)
}
