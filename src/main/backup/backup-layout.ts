import type { VodFileReference, VodMediaType } from '../../shared/vod'
import { trySanitizeFileName } from '../engine/file-name'

/**
 * Where a backup puts each file: a template such as `{category}/{title} [{mediaId}]/{kind}.{ext}`
 * (pure). Paths are relative to the backup folder and always use `/`.
 *
 * Collision-free: every template must name `{mediaId}` (unique per item) and `{kind}` (unique per
 * file of an item: `source`, `rendition-HD`, `snapshot-003`…). Stable: a path depends only on
 * the item's title, category and id and on the file's slot, so the same file lands at the same
 * place on every run, and a renamed title gives a new path that the run moves the file to.
 */

/** The layout of a backup folder unless another template is given. */
export const defaultBackupTemplate = '{category}/{title} [{mediaId}]/{kind}.{ext}'

/** Every placeholder a backup template may use. */
export const backupPlaceholders = [
  'category',
  'title',
  'mediaId',
  'type',
  'date',
  'kind',
  'ext',
  'definition',
  'format',
] as const

export type BackupPlaceholder = (typeof backupPlaceholders)[number]

/** Placeholders that differ between the files of one item (the rest are the item's). */
const filePlaceholders: ReadonlySet<BackupPlaceholder> = new Set<BackupPlaceholder>([
  'kind',
  'ext',
  'definition',
  'format',
])

/**
 * A title is cut to this many UTF-8 bytes before it is put into a path, so that a long title
 * never pushes `[{mediaId}]` out of the 200-byte segment the sanitizer keeps.
 */
const titleBytes = 120

/** The item facts a path is made of. */
export interface ItemFacts {
  mediaId: string
  mediaType: VodMediaType
  title: string
  categoryName: string | null
  /** ISO 8601; `{date}` is its UTC day. */
  creationTime: string | null
}

/** The file facts a path is made of. */
export interface FileFacts {
  /** Unique within the item, stable across runs: see {@link slotOf}. */
  slot: string
  /** Without the dot; may be empty. */
  ext: string
  definition?: string | undefined
  format?: string | undefined
}

const placeholderPattern = /\{([^{}]*)\}/g

function isPlaceholder(name: string): name is BackupPlaceholder {
  return (backupPlaceholders as readonly string[]).includes(name)
}

/** Why a backup template cannot be used, in words; null when it can. */
export function findBackupTemplateProblem(template: string): string | null {
  if (template.trim() === '') return 'the layout template is empty'
  if (template.length > 512) return 'the layout template is longer than 512 characters'
  if (template.includes('\\')) return 'the layout template uses "\\"; separate folders with "/"'
  if (template.startsWith('/') || /^[A-Za-z]:/.test(template)) {
    return 'the layout template must be relative to the backup folder'
  }
  let open = false
  for (const character of template) {
    if (character === '{' || character === '}') {
      if (open === (character === '{')) return 'the layout template has unbalanced braces'
      open = character === '{'
    }
  }
  if (open) return 'the layout template has unbalanced braces'
  for (const match of template.matchAll(placeholderPattern)) {
    const name = match[1] ?? ''
    if (!isPlaceholder(name)) {
      return `the layout template uses {${name}}; known placeholders: ${backupPlaceholders.map((placeholder) => `{${placeholder}}`).join(' ')}`
    }
  }
  for (const segment of template.split('/')) {
    if (segment.trim() === '' || segment === '.' || segment === '..') {
      return 'the layout template has an empty, "." or ".." folder'
    }
  }
  if (!template.includes('{mediaId}') || !template.includes('{kind}')) {
    return 'the layout template must contain {mediaId} and {kind}, so that no two files share a path'
  }
  const lastSegment = template.slice(template.lastIndexOf('/') + 1)
  if (![...lastSegment.matchAll(placeholderPattern)].some((match) => match[1] === 'kind')) {
    return 'the layout template must contain {kind} in the file name (its last part)'
  }
  return null
}

/** `text` cut to at most `limit` UTF-8 bytes at a code point boundary. */
export function truncateUtf8(text: string, limit: number): string {
  if (Buffer.byteLength(text, 'utf8') <= limit) return text
  let used = 0
  let result = ''
  for (const character of text) {
    const size = Buffer.byteLength(character, 'utf8')
    if (used + size > limit) break
    used += size
    result += character
  }
  return result
}

function itemValues(item: ItemFacts): Record<BackupPlaceholder, string> {
  const date =
    item.creationTime && !Number.isNaN(Date.parse(item.creationTime))
      ? new Date(Date.parse(item.creationTime)).toISOString().slice(0, 10)
      : ''
  return {
    category: item.categoryName?.trim() ?? '',
    title: truncateUtf8(item.title.trim() || item.mediaId, titleBytes).trim(),
    mediaId: item.mediaId,
    type: item.mediaType,
    date,
    kind: '',
    ext: '',
    definition: '',
    format: '',
  }
}

function substitute(segment: string, values: Record<BackupPlaceholder, string>): string {
  return segment.replace(placeholderPattern, (whole, name: string) =>
    isPlaceholder(name) ? values[name] : whole,
  )
}

/** A segment made safe; an `ext` left empty drops its dot (`source.` → `source`). */
function cleanSegment(text: string): string | undefined {
  return trySanitizeFileName(text.replace(/\.$/, ''))
}

/** The relative path of one file of an item. */
export function backupPath(template: string, item: ItemFacts, file: FileFacts): string {
  const values = {
    ...itemValues(item),
    kind: file.slot,
    ext: file.ext,
    definition: file.definition ?? '',
    format: file.format ?? '',
  }
  const segments: string[] = []
  for (const segment of template.split('/')) {
    const clean = cleanSegment(substitute(segment, values))
    if (clean !== undefined) segments.push(clean)
  }
  return segments.join('/')
}

/**
 * The item's sidecar, `{title}.vod.json`, in the item's folder: the template's folders with
 * the item's values (a folder made only of file placeholders is left out).
 */
export function sidecarPath(template: string, item: ItemFacts): string {
  const values = itemValues(item)
  const folders = template.split('/').slice(0, -1)
  const segments: string[] = []
  for (const segment of folders) {
    const usesFileValues = [...segment.matchAll(placeholderPattern)].some((match) =>
      filePlaceholders.has(match[1] as BackupPlaceholder),
    )
    if (usesFileValues) continue
    const clean = cleanSegment(substitute(segment, values))
    if (clean !== undefined) segments.push(clean)
  }
  const name = trySanitizeFileName(`${values.title}.vod.json`) ?? `${item.mediaId}.vod.json`
  return [...segments, name].join('/')
}

const snapshotWords: Partial<Record<VodFileReference['kind'], string>> = {
  cover: 'cover',
  snapshot: 'snapshot',
  sprite: 'sprite',
  'sprite-origin': 'sprite-origin',
  webvtt: 'webvtt',
}

/**
 * A file's name within its item, unique and stable: `source`, `image`, `original`, `cover`,
 * `cover-002` (a cover candidate), `snapshot-003`, `sprite-001`, `rendition-HD` (mp4 and mp3,
 * the formats that are their own extension) or `rendition-SD-m3u8`; an audio track of a video is
 * `rendition-SQ-audio`.
 */
export function slotOf(reference: VodFileReference): string {
  switch (reference.kind) {
    case 'source':
      return 'source'
    case 'image':
      return 'image'
    case 'image-original':
      return 'original'
    case 'rendition': {
      const definition = reference.definition ?? 'stream'
      const format = reference.format?.toLowerCase()
      const parts = ['rendition', definition]
      if (format && format !== 'mp4' && format !== 'mp3') parts.push(format)
      if (reference.mediaType === 'video' && reference.streamType === 'audio') parts.push('audio')
      return parts.join('-')
    }
    case 'cover':
    case 'snapshot':
    case 'sprite':
    case 'sprite-origin':
    case 'webvtt': {
      const word = snapshotWords[reference.kind] ?? reference.kind
      return reference.index === undefined
        ? word
        : `${word}-${String(reference.index).padStart(3, '0')}`
    }
  }
}

/**
 * The manifest key of a file within its item: the slot, which already says everything that
 * tells two files of one item apart.
 */
export function selectorOf(reference: VodFileReference): string {
  return slotOf(reference)
}
