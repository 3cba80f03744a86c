import { redactText } from '../vod/redact'

/** What one line of a list points at: a media item of the VOD library, or a plain URL. */
export type ListTarget = { kind: 'media'; mediaId: string } | { kind: 'url'; url: string }

/** VOD media ids (video, audio, image) are 32 hexadecimal digits. */
const mediaIdPattern = /^[0-9a-f]{32}$/i

/**
 * A media id as the API knows it (lower case), or `undefined` when the text is not one. Ids are
 * pasted from the console, spreadsheets and chat, so surrounding spaces are forgiven.
 */
export function parseMediaId(text: string): string | undefined {
  const trimmed = text.trim()
  return mediaIdPattern.test(trimmed) ? trimmed.toLowerCase() : undefined
}

/** An http or https URL, or `undefined`. Other schemes cannot be downloaded. */
export function parseHttpUrl(text: string): string | undefined {
  const trimmed = text.trim()
  if (!/^https?:\/\//i.test(trimmed)) return undefined
  try {
    return new URL(trimmed).protocol.startsWith('http') ? trimmed : undefined
  } catch {
    return undefined
  }
}

/** A media id or an http(s) URL, or `undefined` when the text is neither. */
export function parseListTarget(text: string): ListTarget | undefined {
  const mediaId = parseMediaId(text)
  if (mediaId) return { kind: 'media', mediaId }
  const url = parseHttpUrl(text)
  return url ? { kind: 'url', url } : undefined
}

/**
 * Quotes user text for a message: signatures redacted (a bad line may still hold a signed
 * address) and cut short, so one bad line cannot flood the terminal.
 */
export function quoteForMessage(text: string): string {
  const redacted = redactText(text)
  const shown = redacted.length > 80 ? `${redacted.slice(0, 77)}…` : redacted
  return JSON.stringify(shown)
}
