import { byteOrderMark, parseCsv, unprotectFormula } from './csv'
import { fileChoiceWords, parseFileChoice, type FileChoice } from './file-choices'
import {
  parseHttpUrl,
  parseListTarget,
  parseMediaId,
  quoteForMessage,
  type ListTarget,
} from './list-target'

/**
 * Reading a list of things to download: a CSV (with or without a header row) or plain text with
 * one media id or URL per line, optionally followed by a file name. Every line that cannot be
 * used is reported with its line number; the others are still read.
 */

export type ListFormat = 'csv' | 'text'

/** One usable line of a list. */
export interface ImportEntry {
  /** Line in the file (1-based) where the entry starts. */
  line: number
  target: ListTarget
  /** File name (or relative path) the line asks for, as written. */
  fileName?: string
  /** Which files of a media item (a `kind` column); the command's `--file` otherwise. */
  choice?: FileChoice
  /** Rendition definition, upper case (HD, 2K, …). */
  definition?: string
  /** Rendition format, lower case (mp4, m3u8, …). */
  format?: string
  /** Snapshots, sprites: which one (as `vod export` writes it). */
  index?: number
}

/** A line that was not imported, and why, in words. */
export interface LineProblem {
  line: number
  message: string
}

export interface ParsedList {
  format: ListFormat
  entries: ImportEntry[]
  problems: LineProblem[]
}

type Column = 'target' | 'mediaId' | 'url' | 'fileName' | 'kind' | 'definition' | 'format' | 'index'

/** Header names, compared in lower case without spaces, `_` and `-`. Others are ignored. */
const headerNames: ReadonlyMap<string, Column> = new Map<string, Column>([
  ['mediaid', 'mediaId'],
  ['id', 'mediaId'],
  ['videoid', 'mediaId'],
  ['audioid', 'mediaId'],
  ['imageid', 'mediaId'],
  ['url', 'url'],
  ['address', 'url'],
  ['filename', 'fileName'],
  ['name', 'fileName'],
  ['kind', 'kind'],
  ['file', 'kind'],
  ['definition', 'definition'],
  ['format', 'format'],
  ['index', 'index'],
])

/** Columns of a CSV without a header row. */
const positionalColumns: readonly Column[] = ['target', 'fileName', 'kind', 'definition', 'format']

/**
 * Tells a CSV from a plain list: a `.csv` file name, or a first line that is a header naming a
 * `mediaId` or `url` column. A plain list may have commas in its file names, so content alone
 * never makes a headerless file CSV.
 */
export function detectListFormat(fileName: string, text: string): ListFormat {
  if (/\.csv$/i.test(fileName)) return 'csv'
  const first = meaningfulLines(text)[0]
  const record = first === undefined ? undefined : parseCsv(first.text)[0]
  return record !== undefined && 'cells' in record && headerColumns(record.cells) !== undefined
    ? 'csv'
    : 'text'
}

/** Reads a list in the given format. */
export function parseImportList(text: string, format: ListFormat): ParsedList {
  return format === 'csv' ? parseCsvList(text) : parseTextList(text)
}

function parseTextList(text: string): ParsedList {
  const entries: ImportEntry[] = []
  const problems: LineProblem[] = []
  for (const { line, text: content } of meaningfulLines(text)) {
    const match = /^(\S+)(?:\s+(.*))?$/.exec(content) as RegExpExecArray
    const first = match[1] as string
    const target = parseListTarget(first)
    if (!target) {
      const hint = first.includes(',')
        ? ' (a CSV list needs a name ending in .csv or a header row such as "mediaId,fileName")'
        : ''
      problems.push({
        line,
        message: `not a media id or an http(s) URL: ${quoteForMessage(first)}${hint}`,
      })
      continue
    }
    const fileName = match[2]?.trim()
    entries.push({ line, target, ...(fileName ? { fileName } : {}) })
  }
  return { format: 'text', entries, problems }
}

/** Non-blank, non-comment lines, trimmed, with their line numbers. */
function meaningfulLines(text: string): Array<{ line: number; text: string }> {
  const input = text.startsWith(byteOrderMark) ? text.slice(1) : text
  return input
    .split(/\r\n|\n|\r/)
    .map((content, index) => ({ line: index + 1, text: content.trim() }))
    .filter((entry) => entry.text !== '' && !entry.text.startsWith('#'))
}

function parseCsvList(text: string): ParsedList {
  const entries: ImportEntry[] = []
  const problems: LineProblem[] = []
  let columns: readonly (Column | undefined)[] = positionalColumns
  let first = true
  for (const record of parseCsv(text, { comments: true, skipBlankLines: true })) {
    if ('error' in record) {
      problems.push({ line: record.line, message: `unreadable CSV: ${record.error}` })
      first = false
      continue
    }
    const cells = record.cells.map((cell) => cell.trim())
    if (first) {
      first = false
      const header = headerColumns(cells)
      if (header) {
        columns = header
        continue
      }
    }
    if (cells.every((cell) => cell === '')) continue
    const read = readCsvEntry(record.line, columns, cells)
    if ('message' in read) problems.push(read)
    else entries.push(read)
  }
  return { format: 'csv', entries, problems }
}

/**
 * The columns a header row names, or `undefined` when the row is not a header: it must name a
 * media id or URL column, and its first cell must not itself be an id or a URL.
 */
function headerColumns(cells: readonly string[]): Array<Column | undefined> | undefined {
  if (cells.length === 0 || parseListTarget(cells[0] ?? '') !== undefined) return undefined
  const columns = cells.map((cell) =>
    headerNames.get(
      unprotectFormula(cell.trim())
        .toLowerCase()
        .replace(/[\s_-]/g, ''),
    ),
  )
  return columns.includes('mediaId') || columns.includes('url') ? columns : undefined
}

function readCsvEntry(
  line: number,
  columns: readonly (Column | undefined)[],
  cells: readonly string[],
): ImportEntry | LineProblem {
  const value = (column: Column): string | undefined => {
    const index = columns.indexOf(column)
    const cell = index === -1 ? undefined : cells[index]
    return cell === undefined || cell === '' ? undefined : cell
  }
  const target = readTarget(value('target'), value('mediaId'), value('url'))
  if ('message' in target) return { line, message: target.message }
  const entry: ImportEntry = { line, target: target.target }
  const fileName = value('fileName')
  if (fileName !== undefined) entry.fileName = unprotectFormula(fileName)
  // Kind, definition and format say which files of a media item; a URL is one file already.
  if (target.target.kind === 'url') return entry

  const kind = value('kind')
  if (kind !== undefined) {
    const choice = parseFileChoice(kind)
    if (!choice) {
      return {
        line,
        message: `unknown kind ${quoteForMessage(kind)} (expected one of ${fileChoiceWords.join(', ')})`,
      }
    }
    entry.choice = choice
  }
  const definition = value('definition')
  if (definition !== undefined) {
    if (!/^[a-z0-9]{1,8}$/i.test(definition)) {
      return { line, message: `not a definition: ${quoteForMessage(definition)} (e.g. HD, 2K)` }
    }
    entry.definition = definition.toUpperCase()
  }
  const format = value('format')
  if (format !== undefined) {
    if (!/^[a-z0-9]{1,8}$/i.test(format)) {
      return { line, message: `not a format: ${quoteForMessage(format)} (e.g. mp4, m3u8)` }
    }
    entry.format = format.toLowerCase()
  }
  const index = value('index')
  if (index !== undefined) {
    if (!/^\d{1,9}$/.test(index) || Number(index) < 1) {
      return { line, message: `not a snapshot index: ${quoteForMessage(index)}` }
    }
    entry.index = Number(index)
  }
  return entry
}

/**
 * The target of a CSV row. A media id wins over a URL in the same row: the id can be resolved
 * again whenever its address expires, the URL cannot.
 */
function readTarget(
  positional: string | undefined,
  mediaIdText: string | undefined,
  urlText: string | undefined,
): { target: ListTarget } | { message: string } {
  if (positional !== undefined) {
    const target = parseListTarget(positional)
    return target
      ? { target }
      : { message: `not a media id or an http(s) URL: ${quoteForMessage(positional)}` }
  }
  if (mediaIdText !== undefined) {
    const mediaId = parseMediaId(mediaIdText)
    return mediaId
      ? { target: { kind: 'media', mediaId } }
      : { message: `not a media id: ${quoteForMessage(mediaIdText)}` }
  }
  if (urlText !== undefined) {
    const url = parseHttpUrl(urlText)
    return url
      ? { target: { kind: 'url', url } }
      : { message: `not an http(s) URL: ${quoteForMessage(urlText)}` }
  }
  return { message: 'no media id or URL on this line' }
}
