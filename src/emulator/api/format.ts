/**
 * Serialises API bodies. V1 callers choose with `Format` (XML when omitted, as the real API does);
 * V3 callers always get JSON.
 */

export type ResponseFormat = 'JSON' | 'XML'

export interface RenderedBody {
  contentType: string
  text: string
}

/** Tea parses an XML error only when the content type is exactly this string. */
const xmlContentType = 'text/xml;charset=utf-8'
const jsonContentType = 'application/json;charset=utf-8'

/** Reads V1's `Format` param: JSON in any case means JSON; anything else (or nothing) is XML. */
export function responseFormatFrom(format: string | undefined): ResponseFormat {
  return format?.toUpperCase() === 'JSON' ? 'JSON' : 'XML'
}

export function renderBody(
  rootElement: string,
  body: Record<string, unknown>,
  format: ResponseFormat,
): RenderedBody {
  if (format === 'JSON') return { contentType: jsonContentType, text: JSON.stringify(body) }
  return {
    contentType: xmlContentType,
    text: `<?xml version='1.0' encoding='UTF-8'?>${xmlElement(rootElement, body)}`,
  }
}

/**
 * Minimal XML in the gateway's style: objects become child elements, and an array repeats its
 * property's element once per item (so a bare JSON array `VideoList: [a, b]` becomes
 * `<VideoList>a</VideoList><VideoList>b</VideoList>`).
 */
function xmlElement(name: string, value: unknown): string {
  if (Array.isArray(value)) return value.map((item) => xmlElement(name, item)).join('')
  if (value !== null && typeof value === 'object') {
    const children = Object.entries(value)
      .filter(([, child]) => child !== undefined)
      .map(([childName, child]) => xmlElement(childName, child))
      .join('')
    return `<${name}>${children}</${name}>`
  }
  if (value === null || value === undefined) return `<${name}/>`
  return `<${name}>${escapeXml(scalarText(value))}</${name}>`
}

function scalarText(value: unknown): string {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return value.toString()
  }
  return JSON.stringify(value)
}

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
}
