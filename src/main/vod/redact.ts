import { pathSignatureIndex } from './url-lease'

/**
 * Query parameters that grant access (signatures, key ids, tokens). Their values are replaced
 * before a URL reaches a log, an error detail or the renderer, because anyone holding them can
 * download the file until it expires.
 */
const secretParameterNames: ReadonlySet<string> = new Set([
  'signature',
  'ossaccesskeyid',
  'security-token',
  'securitytoken',
  'accesskeyid',
  'auth_key',
  'x-oss-signature',
  'x-oss-credential',
  'x-oss-security-token',
  'x-oss-additional-headers',
  'mtshlsuritoken',
  'ciphertext',
  'key1',
  'key2',
])

const redactedValue = 'REDACTED'

/** Returns the URL with every signature, key id and token value replaced by `REDACTED`. */
export function redactUrl(url: string): string {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return '[unparseable URL]'
  }
  for (const name of [...parsed.searchParams.keys()]) {
    if (secretParameterNames.has(name.toLowerCase())) parsed.searchParams.set(name, redactedValue)
  }
  const segments = parsed.pathname.split('/')
  const leading = segments[0] === '' ? 1 : 0
  const signatureIndex = pathSignatureIndex(segments.slice(leading).filter((part) => part !== ''))
  if (signatureIndex !== undefined) {
    segments[leading + signatureIndex] = redactedValue
    parsed.pathname = segments.join('/')
  }
  parsed.username = ''
  parsed.password = ''
  return parsed.toString()
}

/** Redacts every URL found inside a free text (an SDK message, a stack trace line). */
export function redactText(text: string): string {
  const withUrls = text.replace(/https?:\/\/[^\s"'<>]+/g, (url) => redactUrl(url))
  // Signatures can also appear outside a URL, e.g. in an echoed string-to-sign.
  return withUrls.replace(
    /((?:Signature|SecurityToken|security-token|x-acs-security-token|auth_key|OSSAccessKeyId|AccessKeySecret)\s*[=:]\s*)[^\s&,"']+/gi,
    `$1${redactedValue}`,
  )
}
