import {
  decodeNameBytes,
  decodeUtf8,
  hasPercentEscape,
  headerTextToBytes,
  percentDecode,
  trySanitizeFileName,
} from './file-name'

/**
 * The file name a `Content-Disposition` header suggests (RFC 6266), sanitized, or `undefined`
 * when there is none worth using.
 *
 * `filename*` (RFC 5987: `UTF-8''%E4%B8%AD.mp4`, also GBK, GB2312, GB18030, ISO-8859-1 or any
 * other charset of the Encoding Standard) wins over `filename`. A plain `filename` is taken as the server
 * sent its bytes: Node passes header values on as latin1, so raw UTF-8 or GBK arrives as mojibake
 * and is rebuilt byte for byte, then read as UTF-8 if valid, else GB18030. A plain value with
 * `%XX` escapes that decode to valid UTF-8 is decoded (a common server habit), and so is an
 * RFC 2047 encoded word (`=?UTF-8?B?...?=`), which some Java servers send.
 * The result always passes through the file-name sanitizer, so `../../x` cannot escape.
 */
export function fileNameFromContentDisposition(header: string | undefined): string | undefined {
  if (header === undefined) return undefined
  const parameters = parseParameters(header)
  const extended = parameters.get('filename*')
  if (extended !== undefined) {
    const decoded = decodeExtendedValue(extended)
    const name = decoded === undefined ? undefined : trySanitizeFileName(decoded)
    if (name !== undefined) return name
  }
  const plain = parameters.get('filename')
  if (plain === undefined) return undefined
  return trySanitizeFileName(decodePlainValue(plain))
}

/**
 * The `name=value` parameters of the header, names lower-cased, first occurrence kept (RFC 6266
 * says repeats are invalid; first-wins is what browsers do). Lenient on purpose: a missing
 * disposition type, stray spaces, unquoted values with spaces and an unterminated quote are all
 * seen in the wild.
 */
function parseParameters(header: string): Map<string, string> {
  const parameters = new Map<string, string>()
  let position = 0
  while (position < header.length) {
    const nameEnd = findFirst(header, position, '=;')
    const name = header.slice(position, nameEnd).trim().toLowerCase()
    if (nameEnd >= header.length || header[nameEnd] === ';') {
      // A bare token: the disposition type (`attachment`) or junk.
      position = nameEnd + 1
      continue
    }
    position = skipSpaces(header, nameEnd + 1)
    let value: string
    if (header[position] === '"') {
      const quoted = readQuotedString(header, position)
      value = quoted.value
      position = findFirst(header, quoted.end, ';') + 1
    } else {
      const valueEnd = findFirst(header, position, ';')
      value = header.slice(position, valueEnd).trim()
      position = valueEnd + 1
    }
    if (name !== '' && !parameters.has(name)) parameters.set(name, value)
  }
  return parameters
}

/** Index of the first char of `stops` at or after `start`, or the length if none. */
function findFirst(text: string, start: number, stops: string): number {
  let index = start
  while (index < text.length && !stops.includes(text[index]!)) index++
  return index
}

function skipSpaces(text: string, start: number): number {
  let index = start
  while (text[index] === ' ' || text[index] === '\t') index++
  return index
}

/** An RFC 7230 quoted-string starting at `start` (the opening quote); `\x` stands for `x`. */
function readQuotedString(text: string, start: number): { value: string; end: number } {
  let value = ''
  let index = start + 1
  while (index < text.length) {
    const char = text[index]!
    if (char === '"') return { value, end: index + 1 }
    if (char === '\\' && index + 1 < text.length) {
      value += text[index + 1]!
      index += 2
      continue
    }
    value += char
    index++
  }
  return { value, end: index }
}

/**
 * `charset'language'percent-encoded` (RFC 5987). `undefined` for a charset the decoder does
 * not know, so the caller can fall back to `filename`.
 */
function decodeExtendedValue(value: string): string | undefined {
  const match = /^([^']*)'[^']*'(.*)$/s.exec(value)
  // Without the two quotes some servers still send percent-encoded UTF-8; read it as such.
  const charset = (match?.[1] ?? '').trim().toLowerCase()
  const bytes = percentDecode(headerTextToBytes(match?.[2] ?? value))
  return decodeWithCharset(bytes, charset)
}

/** Decodes with a declared charset; GBK and GB2312 are read as their superset GB18030. */
function decodeWithCharset(bytes: Uint8Array, charset: string): string | undefined {
  if (charset === '' || charset === 'utf-8' || charset === 'utf8') return decodeNameBytes(bytes)
  if (charset === 'gbk' || charset === 'gb2312' || charset === 'cp936') {
    return new TextDecoder('gb18030').decode(bytes)
  }
  // The charsets of the WHATWG Encoding Standard, which browsers decode file names with
  // (Node's own decoder, so no conversion library is loaded at start).
  try {
    return new TextDecoder(charset).decode(bytes)
  } catch {
    return undefined
  }
}

function decodePlainValue(value: string): string {
  const encodedWords = decodeEncodedWords(value)
  if (encodedWords !== undefined) return encodedWords
  const bytes = headerTextToBytes(value)
  if (hasPercentEscape(bytes)) {
    const decoded = decodeUtf8(percentDecode(bytes))
    if (decoded !== undefined) return decoded
  }
  return decodeNameBytes(bytes)
}

/** One RFC 2047 encoded word: `=?charset?B?base64?=` or `=?charset?Q?quoted?=`. */
const encodedWord = /=\?([^?]+)\?([bq])\?([^?]*)\?=/gi

/**
 * A value made only of RFC 2047 encoded words (whitespace between them is dropped, as the RFC
 * says), decoded; `undefined` if the value is anything else or names an unknown charset.
 */
function decodeEncodedWords(value: string): string | undefined {
  const trimmed = value.trim()
  if (trimmed.replace(encodedWord, '').trim() !== '') return undefined
  let result = ''
  for (const match of trimmed.matchAll(encodedWord)) {
    const [, charset = '', encoding = '', text = ''] = match
    const bytes =
      encoding.toLowerCase() === 'b'
        ? Buffer.from(text, 'base64')
        : percentDecode(Buffer.from(text.replace(/_/g, ' ').replace(/=/g, '%'), 'latin1'))
    const decoded = decodeWithCharset(bytes, charset.toLowerCase())
    if (decoded === undefined) return undefined
    result += decoded
  }
  return result === '' ? undefined : result
}
