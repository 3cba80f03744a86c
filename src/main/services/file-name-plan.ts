import {
  applyFileNameTemplate,
  fileNameValuesForFile,
  type TemplateFileFacts,
} from '../../shared/file-name-template'
import { sanitizeFileName, sanitizeRelativePath, trySanitizeFileName } from '../engine/file-name'

/**
 * The relative path a file gets from the user's template, safe on every platform: each template
 * segment is substituted and sanitized on its own (a `/` in a title never makes a folder), and
 * the whole path goes through `sanitizeRelativePath` once more. When the template leaves nothing
 * usable (`{format}` for a file without one), the file's own suggested name is used.
 */
export function planFileName(
  template: string,
  facts: TemplateFileFacts,
  fallbackName: string,
): string {
  const segments = applyFileNameTemplate(
    template,
    fileNameValuesForFile(facts),
    (segment) => trySanitizeFileName(segment) ?? '',
  )
  return sanitizeRelativePath(segments.join('/'), sanitizeFileName(fallbackName))
}

/** The lower-case extension of a file name (`clip.MP4` → `mp4`), if it has a plausible one. */
export function extensionOfName(name: string): string | undefined {
  return /\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1]?.toLowerCase()
}

/** `2026-03-01T08:00:00Z` → `2026-03-01` (UTC), for the `{date}` placeholder. */
export function dateOfInstant(instant: string | undefined): string | null {
  if (instant === undefined) return null
  const milliseconds = Date.parse(instant)
  return Number.isNaN(milliseconds) ? null : new Date(milliseconds).toISOString().slice(0, 10)
}

/** What names a file, whichever list it comes from: a media listing or an address-list row. */
export interface NamedFile {
  kind: string
  definition?: string | undefined
  format?: string | undefined
  /** Snapshots and sprites: their number (VOD counts from 1). */
  index?: number | undefined
  /** The name the VOD listing suggests: it gives the extension, and the fallback name. */
  suggestedName: string
  jobId?: string | undefined
}

/** The media item a named file belongs to. */
export interface NamedMedia {
  mediaId: string
  title: string
  /** ISO 8601, for `{date}`; unknown leaves `{date}` empty. */
  createdAt: string | undefined
}

/**
 * The one way the window names a file: the user's template over the same facts, whether the
 * file is queued from the Library, suggested in an exported address list, or imported from a
 * list that gives no name. (The CLI keeps `vod get`'s `<title>.<definition>.<ext>` names.)
 */
export function nameByTemplate(template: string, file: NamedFile, media: NamedMedia): string {
  return planFileName(
    template,
    {
      title: media.title,
      mediaId: media.mediaId,
      kind: file.kind,
      definition: file.definition ?? null,
      format: file.format ?? null,
      index: file.index ?? null,
      date: dateOfInstant(media.createdAt),
      ext: extensionOfName(file.suggestedName) ?? file.format ?? null,
      jobId: file.jobId ?? null,
    },
    file.suggestedName,
  )
}
