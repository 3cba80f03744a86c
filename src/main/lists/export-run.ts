import type { ExportRow } from './export-rows'
import { emptyTally, tallyItem, type ExportTally } from './export-tally'

/** Where the rows of an export go: files on disk (the CLI) or text in memory (the window). */
export interface ExportSink {
  write(rows: readonly ExportRow[]): Promise<void> | void
}

/**
 * Feeds the rows of an export, item by item, into a sink and counts them; the tally is what the
 * summary and the JSON tail say. `onItem` is told after every item (progress).
 */
export async function exportInto(
  rowsPerItem: AsyncIterable<readonly ExportRow[]> | Iterable<readonly ExportRow[]>,
  sink: ExportSink,
  onItem?: (tally: ExportTally) => void,
): Promise<ExportTally> {
  let tally = emptyTally()
  for await (const rows of rowsPerItem) {
    await sink.write(rows)
    tally = tallyItem(tally, rows)
    onItem?.(tally)
  }
  return tally
}
