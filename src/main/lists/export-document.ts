import {
  csvHead,
  csvRows,
  jsonHead,
  jsonRows,
  jsonTail,
  type ExportDescription,
} from './export-format'
import type { ExportRow } from './export-rows'
import type { ExportTally } from './export-tally'

export type ExportFileFormat = 'csv' | 'json'

/**
 * One address list in one format, as the pieces of its text in order: the head, the rows as
 * they come, the tail. Whoever holds the text (a file on disk for the CLI, memory for the
 * window) appends the pieces; what the pieces say is decided here only.
 */
export class ExportDocument {
  private rowsWritten = false

  constructor(
    readonly format: ExportFileFormat,
    private readonly description: ExportDescription,
  ) {}

  head(): string {
    return this.format === 'csv' ? csvHead(this.description) : jsonHead(this.description)
  }

  /** The text of more rows; JSON needs to know whether rows came before. */
  rows(rows: readonly ExportRow[]): string {
    if (rows.length === 0) return ''
    const text = this.format === 'csv' ? csvRows(rows) : jsonRows(rows, this.rowsWritten)
    this.rowsWritten = true
    return text
  }

  /** The end: nothing for CSV, the counts and closing brackets for JSON. */
  tail(tally: ExportTally): string {
    return this.format === 'csv' ? '' : jsonTail(tally, this.rowsWritten)
  }
}
