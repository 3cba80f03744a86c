import type { ErrorCode } from '../../shared/errors'
import type { ExportRow } from './export-rows'

/** What an export has written so far: counts for the summary, expiry bounds for the warning. */
export interface ExportTally {
  items: number
  rows: number
  failedRows: number
  /** Items with at least one failed row. */
  failedItems: number
  /** Failed rows per error code, for a summary that says why. */
  failuresByCode: Partial<Record<ErrorCode, number>>
  /** Epoch ms of the first and the last URL to expire. */
  earliestExpiry?: number
  latestExpiry?: number
}

export function emptyTally(): ExportTally {
  return { items: 0, rows: 0, failedRows: 0, failedItems: 0, failuresByCode: {} }
}

/** The tally after one more item and its rows. */
export function tallyItem(tally: ExportTally, rows: readonly ExportRow[]): ExportTally {
  const next: ExportTally = {
    ...tally,
    failuresByCode: { ...tally.failuresByCode },
    items: tally.items + 1,
    rows: tally.rows + rows.length,
  }
  let failed = false
  for (const row of rows) {
    if (row.error) {
      failed = true
      next.failedRows += 1
      next.failuresByCode[row.error.code] = (next.failuresByCode[row.error.code] ?? 0) + 1
    }
    if (row.expiresAt !== undefined) {
      next.earliestExpiry = Math.min(next.earliestExpiry ?? row.expiresAt, row.expiresAt)
      next.latestExpiry = Math.max(next.latestExpiry ?? row.expiresAt, row.expiresAt)
    }
  }
  if (failed) next.failedItems += 1
  return next
}

/** `IllegalStatus 3, NoStream 2`: the failure counts, most frequent first. */
export function describeFailures(tally: ExportTally): string {
  return Object.entries(tally.failuresByCode)
    .sort(([, left], [, right]) => (right ?? 0) - (left ?? 0))
    .map(([code, count]) => `${code} ${count}`)
    .join(', ')
}
