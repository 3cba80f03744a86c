import { AppError } from '../../shared/errors'
import { ExportDocument, type ExportFileFormat } from './export-document'
import type { ExportDescription } from './export-format'
import type { ExportRow } from './export-rows'
import type { ExportSink } from './export-run'
import type { ExportTally } from './export-tally'

/**
 * Far above any library the window exports (5,000 sources make about 1.4 MB of CSV), and well
 * below the longest string V8 can hold, so an export that would not fit fails in words.
 */
export const exportTextLimitCharacters = 256 * 1024 * 1024

/**
 * An export held in memory, for the window: the renderer saves the text itself. The same
 * documents as the CLI writes to disk, so both produce the same lists.
 */
export class ExportText implements ExportSink {
  private readonly parts: Map<ExportFileFormat, string[]>
  private readonly documents: ExportDocument[]
  private length = 0

  constructor(
    formats: readonly ExportFileFormat[],
    description: ExportDescription,
    private readonly limitCharacters: number = exportTextLimitCharacters,
  ) {
    this.documents = [...new Set(formats)].map((format) => new ExportDocument(format, description))
    this.parts = new Map(this.documents.map((document) => [document.format, []]))
    for (const document of this.documents) this.append(document, document.head())
  }

  write(rows: readonly ExportRow[]): void {
    for (const document of this.documents) this.append(document, document.rows(rows))
  }

  /** The finished texts by format (absent formats were not asked for). */
  finish(tally: ExportTally): Partial<Record<ExportFileFormat, string>> {
    const texts: Partial<Record<ExportFileFormat, string>> = {}
    for (const document of this.documents) {
      this.append(document, document.tail(tally))
      texts[document.format] = (this.parts.get(document.format) ?? []).join('')
    }
    return texts
  }

  private append(document: ExportDocument, text: string): void {
    this.length += text.length
    if (this.length > this.limitCharacters) {
      throw new AppError(
        'Unsupported',
        `the address list is larger than ${Math.round(this.limitCharacters / 1024 ** 2)} MiB; narrow the filter, or use vod-dl vod export`,
      )
    }
    this.parts.get(document.format)?.push(text)
  }
}
