import { sanitizeFileName } from '../engine/file-name'

/**
 * File names suggested for VOD files. Titles come from users and may hold anything, so every
 * name is made safe for Windows, macOS and Linux (by the engine's one sanitizer) before it is
 * suggested.
 */

export { sanitizeFileName }

/** The lower-case extension of a URL's last path segment (`jpg`), if it has a plausible one. */
export function extensionOfUrl(url: string): string | undefined {
  let path: string
  try {
    path = new URL(url).pathname
  } catch {
    return undefined
  }
  const last = path.split('/').pop() ?? ''
  const match = /\.([a-z0-9]{1,8})$/i.exec(last)
  return match?.[1]?.toLowerCase()
}

/** `<base>.<qualifier>.<extension>`, sanitized; empty parts are skipped. */
export function composeFileName(
  base: string,
  qualifiers: readonly (string | undefined)[],
  extension: string | undefined,
): string {
  const parts = [base, ...qualifiers, extension].filter(
    (part): part is string => part !== undefined && part !== '',
  )
  return sanitizeFileName(parts.join('.'))
}
