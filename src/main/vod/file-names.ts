/**
 * File names suggested for VOD files. Titles come from users and may hold anything, so every
 * name is made safe for Windows, macOS and Linux before it is suggested.
 */

const reservedWindowsNames = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$/i

/** Leaves room for a de-duplication suffix and a folder within common path limits. */
const maximumNameLength = 180

/** Replaces characters no file system accepts, trims what Windows strips, shortens long names. */
export function sanitizeFileName(name: string, fallback = 'file'): string {
  let clean = name
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[. ]+$/, '')
  if (clean === '' || /^\.+$/.test(clean)) clean = fallback
  if (reservedWindowsNames.test(clean)) clean = `_${clean}`
  if (clean.length > maximumNameLength) {
    const dot = clean.lastIndexOf('.')
    const extension = dot > 0 && clean.length - dot <= 10 ? clean.slice(dot) : ''
    clean = clean.slice(0, maximumNameLength - extension.length).trimEnd() + extension
  }
  return clean
}

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
