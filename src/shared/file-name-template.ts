/**
 * File-name templates such as `{title}/{definition}.{ext}`: pure substitution and a split on `/`.
 *
 * The template never decides what is safe on a disk. Titles come from the VOD library and can be
 * anything (`../../etc/passwd`, `CON`, `a<b>:c`), and what is legal differs per platform, so the
 * caller passes a `sanitizeSegment` function that makes each path segment safe. The split happens
 * on the template's own slashes before substitution, so a `/` inside a title can never create a
 * folder: it reaches the sanitizer inside a single segment.
 */

/** Every placeholder a template may use, in the order the settings screen lists them. */
export const fileNamePlaceholders = [
  'title',
  'mediaId',
  'kind',
  'definition',
  'format',
  'index',
  'date',
  'ext',
  'jobId',
] as const

export type FileNamePlaceholder = (typeof fileNamePlaceholders)[number]

/** Values for the placeholders; a missing value substitutes as an empty string. */
export type FileNameValues = { readonly [Name in FileNamePlaceholder]?: string | number | null }

/** The template shipped as the default setting. */
export const defaultFileNameTemplate = '{title}/{definition}.{ext}'

/** Longest template accepted; real paths are limited further by the sanitizer and the OS. */
export const maxFileNameTemplateLength = 512

/** Why a template cannot be used. The settings screen turns each kind into a sentence. */
export type FileNameTemplateProblem =
  | { kind: 'empty' }
  | { kind: 'too-long'; maxLength: number }
  | { kind: 'unknown-placeholder'; name: string }
  | { kind: 'unclosed-brace' }
  | { kind: 'stray-brace' }
  | { kind: 'absolute' }
  | { kind: 'backslash' }
  | { kind: 'empty-segment' }
  | { kind: 'dot-segment' }

/** What the sanitizer learns about the segment it is cleaning. */
export interface SegmentContext {
  /** True for the last segment (the file name itself), false for folders. */
  isFileName: boolean
}

/** Makes one path segment safe for the target file system (never returns a `/`). */
export type SanitizeSegment = (segment: string, context: SegmentContext) => string

const placeholderPattern = /\{([^{}]*)\}/g

function isPlaceholder(name: string): name is FileNamePlaceholder {
  return (fileNamePlaceholders as readonly string[]).includes(name)
}

/**
 * Checks a template a user typed. Returns the first problem found, or null when the template can
 * be used. Validation is strict on structure (folders, braces) because a bad template fails every
 * download at once; it says nothing about the substituted values, which the sanitizer handles.
 */
export function findFileNameTemplateProblem(template: string): FileNameTemplateProblem | null {
  if (template.trim() === '') return { kind: 'empty' }
  if (template.length > maxFileNameTemplateLength) {
    return { kind: 'too-long', maxLength: maxFileNameTemplateLength }
  }
  if (template.includes('\\')) return { kind: 'backslash' }
  // A drive letter or a leading slash would escape the download folder.
  if (template.startsWith('/') || /^[A-Za-z]:/.test(template)) return { kind: 'absolute' }

  let depth = 0
  for (const character of template) {
    if (character === '{') {
      if (depth > 0) return { kind: 'unclosed-brace' }
      depth = 1
    } else if (character === '}') {
      if (depth === 0) return { kind: 'stray-brace' }
      depth = 0
    }
  }
  if (depth > 0) return { kind: 'unclosed-brace' }

  for (const match of template.matchAll(placeholderPattern)) {
    const name = match[1] ?? ''
    if (!isPlaceholder(name)) return { kind: 'unknown-placeholder', name }
  }

  for (const segment of template.split('/')) {
    if (segment.trim() === '') return { kind: 'empty-segment' }
    if (segment === '.' || segment === '..') return { kind: 'dot-segment' }
  }
  return null
}

function substitute(segment: string, values: FileNameValues): string {
  return segment.replace(placeholderPattern, (whole, name: string) => {
    if (!isPlaceholder(name)) return whole
    const value = values[name]
    return value === undefined || value === null ? '' : String(value)
  })
}

/**
 * Applies a template and returns the path segments (folders first, file name last).
 *
 * The template is split on `/` first, then each segment is substituted and passed to
 * `sanitizeSegment`. Segments that come out empty are dropped, so a missing value never produces
 * a nameless folder; an empty result means the caller must fall back to another name.
 */
export function applyFileNameTemplate(
  template: string,
  values: FileNameValues,
  sanitizeSegment: SanitizeSegment,
): string[] {
  const segments = template.split('/')
  const result: string[] = []
  segments.forEach((segment, position) => {
    const substituted = substitute(segment, values)
    const clean = sanitizeSegment(substituted, { isFileName: position === segments.length - 1 })
    if (clean !== '') result.push(clean)
  })
  return result
}

/** What `fileNameValuesForFile` needs to know about one downloadable file. */
export interface TemplateFileFacts {
  title: string
  mediaId: string
  kind: string
  definition?: string | null
  format?: string | null
  index?: number | null
  /** Usually the media's creation date as YYYY-MM-DD. */
  date?: string | null
  /** Extension without the dot; defaults to `format`. */
  ext?: string | null
  jobId?: string | null
}

/**
 * Builds placeholder values so that the default `{title}/{definition}.{ext}` also names files
 * that have no definition: a source becomes `source`, the third snapshot `snapshot-003`.
 * Main and the settings preview both use it, so the preview shows what a download will be called.
 */
export function fileNameValuesForFile(facts: TemplateFileFacts): FileNameValues {
  const indexText =
    facts.index === undefined || facts.index === null ? null : String(facts.index).padStart(3, '0')
  const fallbackDefinition = indexText === null ? facts.kind : `${facts.kind}-${indexText}`
  return {
    title: facts.title,
    mediaId: facts.mediaId,
    kind: facts.kind,
    definition: facts.definition ? facts.definition : fallbackDefinition,
    format: facts.format ?? null,
    index: indexText,
    date: facts.date ?? null,
    ext: facts.ext ?? facts.format ?? null,
    jobId: facts.jobId ?? null,
  }
}
