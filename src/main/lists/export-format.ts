import type { AddressType } from '../../shared/vod'
import {
  byteOrderMark,
  csvLineBreak,
  formatCsvComment,
  formatCsvRecord,
  protectFormula,
} from './csv'
import type { ExportRow } from './export-rows'
import type { ExportTally } from './export-tally'

/**
 * The text of an address list, written piece by piece (head, rows, tail) so that an export of
 * any size streams to disk: CSV for spreadsheets, JSON for programs.
 */

/** What was exported and how the addresses were asked for; stated at the top of each file. */
export interface ExportDescription {
  /** Epoch ms. */
  exportedAt: number
  addressType: AddressType
  /** The AuthTimeout asked for (the API may clamp it; each row's expiry is what it granted). */
  authTimeoutSeconds: number
  selection: {
    /** `video`, `audio`, `image`, or `ids` for a list of ids of any type. */
    mediaType: string
    match?: string
    /** How many ids were asked for, when a list of ids was. */
    ids?: number
    file: string
    definition?: string
    format?: string
  }
}

/** Said in every file and on stderr: these addresses are bearer credentials until they expire. */
export const signedAddressWarning =
  'WARNING: these download URLs are signed and work until the time in their expiresAt column; ' +
  'until then anyone who holds them can download the files. Share this list only with people ' +
  'who may download the media.'

/** CSV columns, in order. `vod-dl import` reads mediaId, fileName, kind, definition, format, index. */
export const exportColumns = [
  'mediaId',
  'mediaType',
  'title',
  'kind',
  'definition',
  'format',
  'index',
  'size',
  'fileName',
  'url',
  'expiresAt',
  'errorCode',
  'error',
] as const

/** ISO 8601 in UTC to the second, e.g. `2026-10-01T08:00:00Z`. */
export function isoTime(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/** Byte-order mark, the warning and the settings as comment lines, then the header row. */
export function csvHead(description: ExportDescription): string {
  const { selection } = description
  const settings = [
    `VOD Downloader address list exported ${isoTime(description.exportedAt)}`,
    `address type ${description.addressType}`,
    `AuthTimeout ${description.authTimeoutSeconds} s`,
    `media ${selection.mediaType}`,
    `file ${selection.file}`,
    ...(selection.definition ? [`definition ${selection.definition}`] : []),
    ...(selection.format ? [`format ${selection.format}`] : []),
  ].join('; ')
  return (
    byteOrderMark +
    [
      formatCsvComment(signedAddressWarning),
      formatCsvComment(settings),
      formatCsvRecord(exportColumns),
    ]
      .map((line) => line + csvLineBreak)
      .join('')
  )
}

/** CSV records for rows, each ending in CRLF. */
export function csvRows(rows: readonly ExportRow[]): string {
  return rows.map((row) => formatCsvRecord(csvCells(row)) + csvLineBreak).join('')
}

function csvCells(row: ExportRow): string[] {
  const cells: Record<(typeof exportColumns)[number], string> = {
    mediaId: row.mediaId,
    mediaType: row.mediaType,
    title: protectFormula(row.title),
    kind: row.kind,
    definition: row.definition ?? '',
    format: row.format ?? '',
    index: row.index === undefined ? '' : String(row.index),
    size: row.size === undefined ? '' : String(row.size),
    fileName: protectFormula(row.fileName ?? ''),
    url: row.url ?? '',
    expiresAt: row.expiresAt === undefined ? '' : isoTime(row.expiresAt),
    errorCode: row.error?.code ?? '',
    error: row.error?.message ?? '',
  }
  return exportColumns.map((column) => cells[column])
}

/** The JSON envelope up to the opening of its `rows` array. */
export function jsonHead(description: ExportDescription): string {
  const head = {
    warning: signedAddressWarning,
    exportedAt: isoTime(description.exportedAt),
    addressType: description.addressType,
    authTimeoutSeconds: description.authTimeoutSeconds,
    selection: description.selection,
  }
  const text = JSON.stringify(head, null, 2)
  // Reopen the object to append the rows array.
  return `${text.slice(0, text.lastIndexOf('}')).trimEnd()},\n  "rows": [`
}

/** JSON rows, each on its own line; `continuing` when rows were written before. */
export function jsonRows(rows: readonly ExportRow[], continuing: boolean): string {
  return rows
    .map(
      (row, index) => `${continuing || index > 0 ? ',' : ''}\n    ${JSON.stringify(jsonRow(row))}`,
    )
    .join('')
}

function jsonRow(row: ExportRow): Record<string, unknown> {
  return {
    mediaId: row.mediaId,
    mediaType: row.mediaType,
    title: row.title,
    kind: row.kind,
    definition: row.definition ?? null,
    format: row.format ?? null,
    index: row.index ?? null,
    size: row.size ?? null,
    fileName: row.fileName ?? null,
    url: row.url ?? null,
    expiresAt: row.expiresAt === undefined ? null : isoTime(row.expiresAt),
    error: row.error
      ? { code: row.error.code, message: row.error.message, messageZh: row.error.messageZh }
      : null,
  }
}

/** Closes the rows array and the envelope with the counts. */
export function jsonTail(tally: ExportTally, rowsWritten: boolean): string {
  const counts = {
    itemCount: tally.items,
    rowCount: tally.rows,
    failedItemCount: tally.failedItems,
    failedRowCount: tally.failedRows,
    earliestExpiresAt: tally.earliestExpiry === undefined ? null : isoTime(tally.earliestExpiry),
    latestExpiresAt: tally.latestExpiry === undefined ? null : isoTime(tally.latestExpiry),
  }
  const lines = Object.entries(counts).map(
    ([name, value]) => `  ${JSON.stringify(name)}: ${JSON.stringify(value)}`,
  )
  return `${rowsWritten ? '\n  ' : ''}],\n${lines.join(',\n')}\n}\n`
}
