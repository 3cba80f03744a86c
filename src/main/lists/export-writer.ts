import { randomBytes } from 'node:crypto'
import { open, rename, rm, type FileHandle } from 'node:fs/promises'
import { AppError } from '../../shared/errors'
import { basename, dirname, join } from 'node:path'
import { ExportDocument, type ExportFileFormat } from './export-document'
import type { ExportDescription } from './export-format'
import type { ExportRow } from './export-rows'
import type { ExportSink } from './export-run'
import type { ExportTally } from './export-tally'

export type { ExportFileFormat } from './export-document'

export interface ExportFile {
  path: string
  format: ExportFileFormat
}

/** Text is collected up to this size before it is written. */
const flushBytes = 256 * 1024

interface OpenFile {
  file: ExportFile
  document: ExportDocument
  temporaryPath: string
  handle: FileHandle
  pending: string[]
  pendingLength: number
}

/**
 * Streams an export into its files. Each file is written under a temporary name next to its
 * final one and renamed only when the export is complete, so a stopped or failed export never
 * leaves a list that looks whole, and an older list of the same name survives until then.
 */
export class ExportWriter implements ExportSink {
  private constructor(private readonly files: OpenFile[]) {}

  static async open(
    files: readonly ExportFile[],
    description: ExportDescription,
  ): Promise<ExportWriter> {
    const opened: OpenFile[] = []
    try {
      for (const file of files) {
        const temporaryPath = join(
          dirname(file.path),
          `.${basename(file.path)}.${randomBytes(4).toString('hex')}.tmp`,
        )
        const handle = await openTemporary(temporaryPath, file.path)
        opened.push({
          file,
          document: new ExportDocument(file.format, description),
          temporaryPath,
          handle,
          pending: [],
          pendingLength: 0,
        })
      }
    } catch (error) {
      await new ExportWriter(opened).discard()
      throw error
    }
    const writer = new ExportWriter(opened)
    for (const entry of opened) await writer.append(entry, entry.document.head())
    return writer
  }

  /** Adds rows to every file. */
  async write(rows: readonly ExportRow[]): Promise<void> {
    if (rows.length === 0) return
    for (const entry of this.files) await this.append(entry, entry.document.rows(rows))
  }

  /** Ends every file (the JSON counts), closes them and gives them their final names. */
  async finish(tally: ExportTally): Promise<void> {
    for (const entry of this.files) {
      await this.append(entry, entry.document.tail(tally))
      await this.flush(entry)
      await entry.handle.close()
    }
    for (const entry of this.files) await rename(entry.temporaryPath, entry.file.path)
  }

  /** Closes and removes the temporary files; the final names are left as they were. */
  async discard(): Promise<void> {
    for (const entry of this.files) {
      await entry.handle.close().catch(() => undefined)
      await rm(entry.temporaryPath, { force: true })
    }
  }

  private async append(entry: OpenFile, text: string): Promise<void> {
    entry.pending.push(text)
    entry.pendingLength += text.length
    if (entry.pendingLength >= flushBytes) await this.flush(entry)
  }

  private async flush(entry: OpenFile): Promise<void> {
    if (entry.pending.length === 0) return
    const text = entry.pending.join('')
    entry.pending = []
    entry.pendingLength = 0
    await entry.handle.writeFile(text, 'utf8')
  }
}

/**
 * Creates a temporary file: exclusive, so a name clash fails instead of sharing a file; append,
 * so each write goes on where the last ended. A folder that is missing or read-only is said in
 * words, naming the list the user asked for.
 */
async function openTemporary(temporaryPath: string, finalPath: string): Promise<FileHandle> {
  try {
    return await open(temporaryPath, 'ax')
  } catch (error) {
    const code = (error as { code?: unknown }).code
    throw new AppError(
      'FilePermission',
      `cannot write ${finalPath}${typeof code === 'string' ? ` (${code})` : ''}`,
      { cause: error },
    )
  }
}
