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
