import { resolve, relative, isAbsolute, sep } from 'node:path'
import { AppError } from '../../shared/errors'

/**
 * File names that come from outside (VOD titles, URLs, Content-Disposition, templates) become
 * names that are valid on Windows, macOS and Linux at once, because a download folder may be on a
 * network share or an exFAT disk that the other systems read too.
 */

/** Leaves 55 bytes below the common 255-byte limit for a " (n)" suffix and a ".part" ending. */
const maximumNameBytes = 200

/** The longest tail after the last dot (dot included) that still counts as an extension. */
const maximumExtensionBytes = 16

/**
 * C0 controls and DEL, plus the bidirectional overrides and isolates: invisible, and the classic
 * way to make `clip\u202Egnp.exe` display as `clipexe.png`.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const invisibleCharacters = /[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g

/** Characters Windows refuses in a name; `/` and `\` are the separators everywhere. */
const forbiddenCharacters = /[<>:"/\\|?*]/g

/**
 * Device names Windows resolves in every folder, with any extension. COM0/LPT0, the superscript
 * digits and CONIN$/CONOUT$ are in Microsoft's current list too; prefixing them costs nothing.
 */
const reservedStem = /^(?:con|prn|aux|nul|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³])$/i

/** A lone surrogate cannot be written as UTF-8; it would become U+FFFD on disk anyway. */
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

/** Final compression suffixes that belong with the extension before them (`.tar.gz`). */
const compressionExtensions = new Set(['.gz', '.bz2', '.xz', '.zst', '.z', '.bz', '.lz', '.lzma'])

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' })

const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * One path segment that is safe to create on Windows, macOS and Linux: NFC; no control or
 * bidirectional-override characters; `<>:"/\|?*` replaced by `_`; no leading spaces or trailing
 * dots and spaces; Windows device names (`con`, `nul.tar.gz`) prefixed with `_`; at most 200 UTF-8
 * bytes, shortened in the stem at a character boundary so the extension survives.
 * A name with nothing usable left (empty, `.`, `..`) becomes the sanitized `fallback`.
 */
export function sanitizeFileName(name: string, fallback: string = 'download'): string {
  return trySanitizeFileName(name) ?? trySanitizeFileName(fallback) ?? 'download'
}

/**
 * Like {@link sanitizeFileName}, but `undefined` when nothing usable is left, for callers that
 * try several sources of a name in turn.
 */
export function trySanitizeFileName(name: string): string | undefined {
  let text = stripEdges(
    name
      .replace(loneSurrogate, '\ufffd')
      .normalize('NFC')
      .replace(invisibleCharacters, '')
      .replace(forbiddenCharacters, '_'),
  )
  if (text === '') return undefined
  if (isReserved(text)) text = `_${text}`
  text = stripEdges(truncateToBytes(text, maximumNameBytes))
  if (text === '') return undefined
  // Cutting `con` + 300 spaces + `x` leaves `con`: check again (the result is short, so it fits).
  return isReserved(text) ? `_${text}` : text
}

/**
 * A relative path built from a template such as `{title}/{definition}.mp4`. Splits on `/` and `\`,
 * sanitizes each segment, drops empty, `.` and `..` segments (so `../../etc/passwd` becomes
 * `etc/passwd`) and joins with `/`. Nothing usable left → the sanitized `fallback`.
 */
export function sanitizeRelativePath(path: string, fallback: string = 'download'): string {
  const segments = usableSegments(path)
  if (segments.length > 0) return segments.join('/')
  const fallbackSegments = usableSegments(fallback)
  return fallbackSegments.length > 0 ? fallbackSegments.join('/') : 'download'
}

function usableSegments(path: string): string[] {
  const segments: string[] = []
  for (const segment of path.split(/[\\/]/)) {
    const clean = trySanitizeFileName(segment)
    if (clean !== undefined) segments.push(clean)
  }
  return segments
}

/**
 * The file name a URL suggests: its last path segment, percent-decoded (UTF-8, or GB18030 when
 * the bytes are not UTF-8, as older Chinese servers send) and sanitized. `undefined` for an
 * unparsable URL or one whose path ends in `/`.
 */
export function fileNameFromUrl(url: string): string | undefined {
  let pathname: string
  try {
    pathname = new URL(url).pathname
  } catch {
    return undefined
  }
  const segment = pathname.slice(pathname.lastIndexOf('/') + 1)
  if (segment === '') return undefined
  return trySanitizeFileName(decodeNameBytes(percentDecode(headerTextToBytes(segment))))
}

/**
 * The n-th alternative for a name that is taken: `movie.mp4` → `movie (1).mp4`,
 * `.bashrc` → `.bashrc (1)`, `a/b.mp4` → `a/b (1).mp4`, `x.tar.gz` → `x (1).tar.gz`.
 * n = 0 returns the name unchanged, so callers can loop from 0.
 */
export function numberedFileName(name: string, n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new AppError('InvalidInput', `file number ${n}`)
  }
  if (n === 0) return name
  const folderEnd = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1
  const folder = name.slice(0, folderEnd)
  const base = name.slice(folderEnd)
  const extension = numberingExtension(base)
  return `${folder}${base.slice(0, base.length - extension.length)} (${n})${extension}`
}

/**
 * `path.resolve(directory, relativePath)`, refusing (with `InvalidInput`) any result that is not
 * strictly inside `directory`. Names are sanitized before they get here; this is the second wall,
 * so that a bug elsewhere cannot write outside the download folder.
 */
export function resolveInside(directory: string, relativePath: string): string {
  const base = resolve(directory)
  const target = resolve(base, relativePath)
  const fromBase = relative(base, target)
  const outside =
    fromBase === '' ||
    fromBase === '..' ||
    fromBase.startsWith(`..${sep}`) ||
    // On Windows a path on another drive stays absolute after `relative`.
    isAbsolute(fromBase)
  if (outside) {
    throw new AppError('InvalidInput', `path escapes the download folder: ${relativePath}`)
  }
  return target
}

/**
 * Text from a name source turned into the bytes that were on the wire. Node's HTTP parser hands
 * header values over as latin1, one char per byte, so when every char is ≤ 0xFF the bytes are
 * recovered exactly; anything else was already real text and is encoded as UTF-8.
 */
export function headerTextToBytes(text: string): Buffer {
  for (let index = 0; index < text.length; index++) {
    if (text.charCodeAt(index) > 0xff) return Buffer.from(text, 'utf8')
  }
  return Buffer.from(text, 'latin1')
}

/** Replaces each `%XX` with the byte it names; a `%` not followed by two hex digits stays. */
export function percentDecode(bytes: Uint8Array): Buffer {
  const output = Buffer.alloc(bytes.length)
  let length = 0
  for (let index = 0; index < bytes.length; index++) {
    const byte = bytes[index]!
    if (byte === 0x25 && index + 2 < bytes.length) {
      const high = hexValue(bytes[index + 1]!)
      const low = hexValue(bytes[index + 2]!)
      if (high >= 0 && low >= 0) {
        output[length++] = (high << 4) | low
        index += 2
        continue
      }
    }
    output[length++] = byte
  }
  return output.subarray(0, length)
}

/** Whether the bytes contain at least one `%XX` escape. */
export function hasPercentEscape(bytes: Uint8Array): boolean {
  for (let index = 0; index + 2 < bytes.length; index++) {
    if (
      bytes[index] === 0x25 &&
      hexValue(bytes[index + 1]!) >= 0 &&
      hexValue(bytes[index + 2]!) >= 0
    ) {
      return true
    }
  }
  return false
}

/** `bytes` as UTF-8 when they are valid UTF-8, otherwise `undefined`. */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return strictUtf8.decode(bytes)
  } catch {
    return undefined
  }
}

/**
 * Bytes of a name in an unknown encoding: UTF-8 if valid; else GB18030 (a superset of GBK and
 * GB2312, what Chinese Windows servers send); else, when GB18030 cannot decode them cleanly
 * either, latin1, which at least maps every byte to a character.
 */
export function decodeNameBytes(bytes: Uint8Array): string {
  const utf8 = decodeUtf8(bytes)
  if (utf8 !== undefined) return utf8
  const chinese = new TextDecoder('gb18030').decode(bytes)
  if (!chinese.includes('\ufffd')) return chinese
  return Buffer.from(bytes).toString('latin1')
}

function hexValue(byte: number): number {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30
  if (byte >= 0x41 && byte <= 0x46) return byte - 0x41 + 10
  if (byte >= 0x61 && byte <= 0x66) return byte - 0x61 + 10
  return -1
}

/** Windows drops trailing dots and spaces silently and leading spaces confuse every shell. */
function stripEdges(text: string): string {
  return text.replace(/^ +/, '').replace(/[. ]+$/, '')
}

/** Windows matches the device name on the part before the first dot, ignoring trailing spaces. */
function isReserved(name: string): boolean {
  const dot = name.indexOf('.')
  const stem = (dot === -1 ? name : name.slice(0, dot)).replace(/ +$/, '')
  return reservedStem.test(stem)
}

/**
 * The extension of a single name: from the last dot, if that dot is not the first character
 * (`.bashrc` has none), the tail is short and has no spaces (`Part 1. The start` has none).
 */
function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.')
  if (dot <= 0) return ''
  const extension = name.slice(dot)
  if (extension.length < 2 || extension.includes(' ')) return ''
  return Buffer.byteLength(extension) <= maximumExtensionBytes ? extension : ''
}

/** The extension for numbering: like {@link extensionOf}, but `.tar.gz` stays together. */
function numberingExtension(name: string): string {
  const extension = extensionOf(name)
  if (!compressionExtensions.has(extension.toLowerCase())) return extension
  const inner = extensionOf(name.slice(0, name.length - extension.length))
  return /^\.[a-z0-9]{1,4}$/i.test(inner) ? inner + extension : extension
}

/** Shortens the stem so the whole name fits `limit` UTF-8 bytes, keeping the extension. */
function truncateToBytes(name: string, limit: number): string {
  if (Buffer.byteLength(name) <= limit) return name
  const extension = extensionOf(name)
  const stem = name.slice(0, name.length - extension.length)
  return cutToBytes(stem, limit - Buffer.byteLength(extension)) + extension
}

/**
 * The longest prefix within `limit` UTF-8 bytes that ends on a grapheme boundary, so neither a
 * multi-byte character, a surrogate pair nor an emoji sequence is split. A single cluster larger
 * than the limit (hundreds of stacked combining marks) is cut between code points instead.
 */
function cutToBytes(text: string, limit: number): string {
  let result = ''
  let used = 0
  for (const { segment } of graphemes.segment(text)) {
    const size = Buffer.byteLength(segment)
    if (used + size > limit) {
      return result === '' ? cutCodePointsToBytes(segment, limit) : result
    }
    result += segment
    used += size
  }
  return result
}

function cutCodePointsToBytes(text: string, limit: number): string {
  let result = ''
  let used = 0
  for (const codePoint of text) {
    const size = Buffer.byteLength(codePoint)
    if (used + size > limit) break
    result += codePoint
    used += size
  }
  return result
}
