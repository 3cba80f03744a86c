import { readCdnPathSignature } from './cdn-path-signature'

/**
 * The one redactor for everything that may end up in a log, an error detail, a job label or the
 * renderer. A signed media URL is a bearer credential until it expires: anyone holding its
 * signature, key id or token can download the file. Pure, so the engine, the VOD code, the CLI
 * and the headless host share it.
 */

/** What replaces a secret. */
export const redactedValue = 'REDACTED'

/**
 * Query (and fragment) parameters that grant access, compared case-insensitively:
 * OSS V1 (`OSSAccessKeyId`, `Signature`, `security-token`), OSS V4 (`x-oss-signature`,
 * `x-oss-credential`, `x-oss-security-token`, …), CDN type A (`auth_key`), type C in its query
 * form (`KEY1`/`KEY2`), types D/F (`sign`), STS (`SecurityToken`), HLS key requests
 * (`MtsHlsUriToken`, `Ciphertext`), the API's own `AccessKeyId` and generic tokens.
 */
const secretParameterNames: ReadonlySet<string> = new Set([
  'signature',
  'ossaccesskeyid',
  'security-token',
  'securitytoken',
  'accesskeyid',
  'accesskeysecret',
  'auth_key',
  'x-oss-signature',
  'x-oss-credential',
  'x-oss-security-token',
  'x-oss-additional-headers',
  'x-acs-security-token',
  'x-amz-signature',
  'x-amz-credential',
  'x-amz-security-token',
  'mtshlsuritoken',
  'ciphertext',
  'key1',
  'key2',
  'sign',
  'token',
  'access_token',
  'password',
])

/** True when a query parameter of this name carries a secret. */
export function isSecretParameterName(name: string): boolean {
  return secretParameterNames.has(name.toLowerCase())
}

/**
 * Returns the URL with every secret replaced by `REDACTED`: secret query and fragment
 * parameters, the MD5 signature of CDN type B and C paths, and any user name and password.
 * Everything else is kept as it was written. Text that is not a URL becomes `[unparseable URL]`,
 * since nothing could tell what in it is secret.
 */
export function redactUrl(url: string): string {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return '[unparseable URL]'
  }
  parsed.username = ''
  parsed.password = ''
  const segments = parsed.pathname.split('/')
  const nonEmpty = segments.flatMap((segment, index) => (segment === '' ? [] : [index]))
  const inPath = readCdnPathSignature(nonEmpty.map((index) => segments[index]!))
  if (inPath !== undefined) {
    segments[nonEmpty[inPath.signatureIndex]!] = redactedValue
    parsed.pathname = segments.join('/')
  }
  if (parsed.search !== '') parsed.search = redactParameters(parsed.search.slice(1))
  if (parsed.hash.includes('=')) parsed.hash = redactParameters(parsed.hash.slice(1))
  return parsed.href
}

/** `a=1&Signature=x` → `a=1&Signature=REDACTED`, leaving every other byte as it was. */
function redactParameters(text: string): string {
  return text
    .split('&')
    .map((pair) => {
      const separator = pair.indexOf('=')
      const rawName = separator === -1 ? pair : pair.slice(0, separator)
      return isSecretParameterName(decodeName(rawName)) ? `${rawName}=${redactedValue}` : pair
    })
    .join('&')
}

function decodeName(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '))
  } catch {
    return raw
  }
}

/** Names whose value is secret when they appear as `name=value` or `name: value` in free text. */
const secretAssignment =
  /(?<![\w-])((?:Signature|SecurityToken|security-token|x-acs-security-token|x-oss-security-token|x-oss-signature|x-oss-credential|auth_key|OSSAccessKeyId|AccessKeySecret|MtsHlsUriToken|Credential|token|password|proxyPassword)"?\s*[=:]\s*"?)[^\s&,"'}]+/gi

/** `Authorization: Basic …` and `Proxy-Authorization: …`: the credentials after the scheme. */
const authorizationHeader =
  /\b((?:Proxy-)?Authorization"?\s*[=:]\s*"?(?:Basic|Digest|Negotiate|NTLM)\s+)[^\s,"']+/gi

/**
 * Schemes of addresses that can carry credentials: web and socket URLs, and proxy addresses
 * (`socks5h://user:password@host`).
 */
const addressPattern = /\b(?:https?|wss?|socks[45]?h?|socks4a):\/\/[^\s"'<>]+/gi

/**
 * Redacts every URL inside a free text (an SDK message, a stack trace line, a log line), then
 * secrets written outside a URL: `Signature=…` in an echoed string-to-sign, `Credential=…` in an
 * Authorization header, `Bearer …`.
 */
export function redactText(text: string): string {
  const withUrls = text.replace(addressPattern, (url) => redactUrl(url))
  return withUrls
    .replace(authorizationHeader, `$1${redactedValue}`)
    .replace(secretAssignment, `$1${redactedValue}`)
    .replace(/\b(Bearer\s+)[A-Za-z0-9._~+/=-]+/g, `$1${redactedValue}`)
}
