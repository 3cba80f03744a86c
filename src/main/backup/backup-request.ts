import { createHash } from 'node:crypto'
import { AppError } from '../../shared/errors'
import type { AddressType, VodMediaType } from '../../shared/vod'
import { combineFileChoices, fileChoiceWords } from '../lists/file-choices'
import { categoryMatch } from '../vod/category-tree'
import { findBackupTemplateProblem } from './backup-layout'
import type { FileSelection } from './item-files'

/**
 * What a backup run is asked to do (pure). The CLI builds it from flags, the Backups screen from
 * a saved backup; the run stores it with its plan, and continues an unfinished run only when it
 * is asked the same again.
 */

/** Which items of the library: all, one category, or a SearchMedia filter (a saved search). */
export type BackupScope =
  { kind: 'all' } | { kind: 'category'; categoryId: number } | { kind: 'match'; match: string }

export interface BackupRequest {
  /** Listed in this order. */
  mediaTypes: VodMediaType[]
  scope: BackupScope
  /** ISO 8601: only items created at or after it (older ones are left as they are). */
  since: string | null
  /** File words as for `vod get --file` (`source`, `rendition`, `cover`, `snapshots`, …). */
  files: string[]
  definition: string | null
  format: string | null
  outputType: AddressType
  /** Requested URL lifetime (seconds); the address default when null. */
  authTimeout: number | null
  template: string
  /** Re-check every local file's size and checksum, and download again what is wrong. */
  verify: boolean
  /** Move files gone from VOD into the trash (otherwise they are only reported). */
  deleteGone: boolean
}

/** The file choice a request's words make; throws `InvalidInput` for an unknown word. */
export function fileSelectionOf(
  request: Pick<BackupRequest, 'files' | 'definition' | 'format'>,
): FileSelection & {
  word: string
} {
  const choice = combineFileChoices(request.files)
  if (!choice) {
    throw new AppError(
      'InvalidInput',
      `file kinds must be among ${fileChoiceWords.join(', ')} (got ${request.files.join(',') || 'none'})`,
    )
  }
  return {
    word: choice.word,
    kinds: choice.kinds,
    everything: choice.everything,
    ...(request.definition ? { definition: request.definition } : {}),
    ...(request.format ? { format: request.format } : {}),
  }
}

/**
 * The words an item was copied with, stored per item: the next run lists the files of an item
 * again when they differ (another definition, snapshots added…).
 */
export function selectionWordOf(
  request: Pick<BackupRequest, 'files' | 'definition' | 'format'>,
): string {
  const selection = fileSelectionOf(request)
  return [selection.word, request.definition ?? '', request.format ?? ''].join('|')
}

/** Checks what flags or a saved backup could get wrong; throws `InvalidInput`. */
export function validateBackupRequest(request: BackupRequest): void {
  if (request.mediaTypes.length === 0) throw new AppError('InvalidInput', 'no media type chosen')
  fileSelectionOf(request)
  const problem = findBackupTemplateProblem(request.template)
  if (problem) throw new AppError('InvalidInput', problem)
  if (request.since !== null && Number.isNaN(Date.parse(request.since))) {
    throw new AppError('InvalidInput', `not a date: ${request.since}`)
  }
  if (request.scope.kind === 'match' && request.scope.match.trim() === '') {
    throw new AppError('InvalidInput', 'the search filter is empty')
  }
}

/** Identifies what a run does; an unfinished run is continued only by a run with the same one. */
export function requestFingerprint(request: BackupRequest): string {
  const { authTimeout: _ignored, ...planned } = request
  return createHash('sha256').update(JSON.stringify(planned)).digest('hex').slice(0, 32)
}

/** A time as SearchMedia's Match writes it: UTC, whole seconds. */
export function matchInstant(instant: string): string {
  const milliseconds = Date.parse(instant)
  if (Number.isNaN(milliseconds)) throw new AppError('InvalidInput', `not a date: ${instant}`)
  return new Date(Math.floor(milliseconds / 1000) * 1000).toISOString().replace('.000Z', 'Z')
}

/**
 * The Match of a listing: the scope, the `since` bound and where listing resumes (an item
 * creation time), joined with `and`. A user's filter is put in parentheses, so its own `or`
 * cannot swallow the bounds. A category scope takes `categoryIds` when given: the category and
 * the ones below it, as the Library's category filter does.
 */
export function listingMatch(
  scope: BackupScope,
  since: string | null,
  from: string | null,
  categoryIds?: readonly number[],
): string | undefined {
  const conditions: string[] = []
  if (scope.kind === 'match') conditions.push(`(${scope.match})`)
  if (scope.kind === 'category') {
    const category = categoryMatch(categoryIds ?? [scope.categoryId])
    if (category !== undefined) conditions.push(category)
  }
  if (since !== null) conditions.push(`CreationTime = ['${matchInstant(since)}',]`)
  if (from !== null) conditions.push(`CreationTime = ['${matchInstant(from)}',]`)
  return conditions.length > 0 ? conditions.join(' and ') : undefined
}
