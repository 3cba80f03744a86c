/**
 * CSV as RFC 4180 writes it: fields separated by commas, records by CRLF, a field quoted when it
 * holds a comma, a quote or a line break, quotes inside doubled. Titles from a VOD library hold
 * all of those, and Chinese text, so the writer is strict and the reader tolerant.
 */

/** Written first so that Excel reads the file as UTF-8 (without it, Chinese titles garble). */
export const byteOrderMark = '\uFEFF'

/** The record separator RFC 4180 prescribes. */
export const csvLineBreak = '\r\n'

/** One field, quoted only when it has to be. */
export function formatCsvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

/** One record without its line break. */
export function formatCsvRecord(values: readonly string[]): string {
  return values.map(formatCsvField).join(',')
}

/**
 * A comment line for the top of a file (`# …`). Spreadsheets show it as one cell only when it has
 * no comma and stays on one line, so commas become semicolons and line breaks spaces.
 */
export function formatCsvComment(text: string): string {
  return `# ${text.replace(/[\r\n]+/g, ' ').replace(/,/g, ';')}`
}

/**
 * Spreadsheets run a cell that starts with `=`, `+`, `-`, `@` (or a tab or carriage return) as a
 * formula, and a media title is anyone's text. Such values get a leading apostrophe, which
 * spreadsheets hide; {@link unprotectFormula} takes it off again when a list is read back.
 */
export function protectFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
}

/** Undoes {@link protectFormula}. */
export function unprotectFormula(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value
}

/** A parsed record, or why it could not be parsed; `line` is where the record starts (1-based). */
export type CsvRecord = { line: number; cells: string[] } | { line: number; error: string }

export interface CsvReadOptions {
  /** Skips records whose first character is `#` (up to the end of that line). */
  comments?: boolean
  /** Skips lines that hold nothing but spaces and tabs. */
  skipBlankLines?: boolean
}

/**
 * Reads CSV text into records. Accepts CRLF, LF and lone CR line breaks and a leading byte-order
 * mark; quoted fields may hold commas, doubled quotes and line breaks. A quote inside an
 * unquoted field is kept as text (spreadsheets write that). A record with text after a closing
 * quote is reported and skipped; an unterminated quote is reported at the line where it opened
 * (it runs to the end of the text, so nothing after it can be trusted).
 */
export function parseCsv(text: string, options: CsvReadOptions = {}): CsvRecord[] {
  const input = text.startsWith(byteOrderMark) ? text.slice(1) : text
  const records: CsvRecord[] = []
  let position = 0
  let line = 1
  while (position < input.length) {
    const start = position
    const startLine = line
    const end = lineEnd(input, position)
    const physical = input.slice(position, end)
    if (
      (options.comments && physical.startsWith('#')) ||
      (options.skipBlankLines && /^[ \t]*$/.test(physical))
    ) {
      position = afterLineBreak(input, end)
      line += 1
      continue
    }
    const parsed = readRecord(input, start)
    line += parsed.lineBreaks
    records.push(
      parsed.error === undefined
        ? { line: startLine, cells: parsed.cells }
        : { line: startLine, error: parsed.error },
    )
    position = parsed.next
  }
  return records
}

interface RecordRead {
  cells: string[]
  error?: string
  /** Where the next record starts. */
  next: number
  /** Line breaks consumed, the one ending the record included. */
  lineBreaks: number
}

function readRecord(input: string, start: number): RecordRead {
  const cells: string[] = []
  let position = start
  let lineBreaks = 0
  for (;;) {
    if (input[position] === '"') {
      const quoted = readQuoted(input, position + 1)
      lineBreaks += quoted.lineBreaks
      if (quoted.end === undefined) {
        return {
          cells,
          error: 'a quoted field is never closed',
          next: input.length,
          lineBreaks,
        }
      }
      cells.push(quoted.value)
      position = quoted.end
      const after = input[position]
      if (after !== undefined && after !== ',' && after !== '\r' && after !== '\n') {
        const end = lineEnd(input, position)
        return {
          cells,
          error: 'text after the closing quote of a field',
          next: afterLineBreak(input, end),
          lineBreaks: lineBreaks + (end < input.length ? 1 : 0),
        }
      }
    } else {
      let end = position
      while (end < input.length && !',\r\n'.includes(input[end] as string)) end += 1
      cells.push(input.slice(position, end))
      position = end
    }
    if (input[position] === ',') {
      position += 1
      continue
    }
    const next = afterLineBreak(input, position)
    return { cells, next, lineBreaks: lineBreaks + (next > position ? 1 : 0) }
  }
}

/** Reads a quoted field's content from just after its opening quote. */
function readQuoted(
  input: string,
  start: number,
): { value: string; end: number | undefined; lineBreaks: number } {
  let value = ''
  let position = start
  let lineBreaks = 0
  while (position < input.length) {
    const character = input[position] as string
    if (character === '"') {
      if (input[position + 1] === '"') {
        value += '"'
        position += 2
        continue
      }
      return { value, end: position + 1, lineBreaks }
    }
    if (character === '\n' || (character === '\r' && input[position + 1] !== '\n')) {
      lineBreaks += 1
    }
    value += character
    position += 1
  }
  return { value, end: undefined, lineBreaks }
}

/** The index of the line break (or the end of the text) at or after `position`. */
function lineEnd(input: string, position: number): number {
  let end = position
  while (end < input.length && input[end] !== '\r' && input[end] !== '\n') end += 1
  return end
}

/** The index just after the line break at `position` (CRLF, LF or CR), or `position` itself. */
function afterLineBreak(input: string, position: number): number {
  if (input[position] === '\r') return input[position + 1] === '\n' ? position + 2 : position + 1
  if (input[position] === '\n') return position + 1
  return position
}
