import { expect } from 'vitest'
import { parseCsv } from '../../src/main/lists/csv'
import { exportColumns } from '../../src/main/lists/export-format'

/** One data row of an exported address list, keyed by column. */
export type ExportCsvRow = Record<(typeof exportColumns)[number], string>

/**
 * The data rows of an exported CSV, after checking what every export starts with: the BOM, the
 * warning that the URLs are signed and expire, and the header.
 */
export function exportCsvRows(text: string | null): ExportCsvRow[] {
  expect(text?.startsWith('\uFEFF# WARNING: these download URLs are signed')).toBe(true)
  const [header, ...records] = parseCsv(text ?? '', { comments: true }).map((record) => {
    if (!('cells' in record)) throw new Error(`line ${record.line}: ${record.error}`)
    return record.cells
  })
  expect(header).toEqual([...exportColumns])
  return records.map(
    (cells) =>
      Object.fromEntries(
        exportColumns.map((column, index) => [column, cells[index] ?? '']),
      ) as ExportCsvRow,
  )
}
