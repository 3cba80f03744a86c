import { createHash, createHmac } from 'node:crypto'
import { percentEncode } from '../percent-encoding'

/**
 * ACS3-HMAC-SHA256 (signature V3), what current Tea clients send by default: the action and
 * version travel in `x-acs-*` headers and the signature in `Authorization`.
 */

export const v3Algorithm = 'ACS3-HMAC-SHA256'

/** SHA-256 of an empty body, which every VOD call signs. */
export const emptyPayloadHash = createHash('sha256').update('').digest('hex')

export interface V3Authorization {
  accessKeyId: string
  /** Lower-case header names, in the order the client listed them. */
  signedHeaders: string[]
  signature: string
}

export interface V3CanonicalInput {
  method: string
  path: string
  /** Decoded query params. */
  query: ReadonlyMap<string, string>
  /** Header values by lower-case name. */
  headers: ReadonlyMap<string, string>
  signedHeaders: readonly string[]
  /** Hex SHA-256 of the body. */
  payloadHash: string
}

/**
 * Parses `ACS3-HMAC-SHA256 Credential=<id>,SignedHeaders=<a;b>,Signature=<hex>`.
 * Returns undefined when the header is not a well-formed V3 authorization.
 */
export function parseV3Authorization(header: string): V3Authorization | undefined {
  const prefix = `${v3Algorithm} `
  if (!header.startsWith(prefix)) return undefined
  const fields = new Map<string, string>()
  for (const part of header.slice(prefix.length).split(',')) {
    const separator = part.indexOf('=')
    if (separator <= 0) return undefined
    fields.set(part.slice(0, separator).trim(), part.slice(separator + 1).trim())
  }
  const accessKeyId = fields.get('Credential')
  const signedHeaders = fields.get('SignedHeaders')
  const signature = fields.get('Signature')
  if (!accessKeyId || !signedHeaders || !signature) return undefined
  return {
    accessKeyId,
    signedHeaders: signedHeaders.split(';').map((name) => name.trim().toLowerCase()),
    signature: signature.toLowerCase(),
  }
}

/**
 * The canonical request, rebuilt from the names the client listed in SignedHeaders (the set
 * varies by SDK version and credential type). Query keys are not encoded, as in the SDK.
 */
export function v3CanonicalRequest(input: V3CanonicalInput): string {
  const canonicalQuery = [...input.query.keys()]
    .sort()
    .map((name) => `${name}=${percentEncode(input.query.get(name) ?? '')}`)
    .join('&')
  const signedHeaders = [...input.signedHeaders].sort()
  const canonicalHeaders = signedHeaders
    .map((name) => `${name}:${(input.headers.get(name) ?? '').trim()}\n`)
    .join('')
  return [
    input.method.toUpperCase(),
    input.path,
    canonicalQuery,
    canonicalHeaders,
    signedHeaders.join(';'),
    input.payloadHash,
  ].join('\n')
}

/** `ACS3-HMAC-SHA256\n<hex sha256 of the canonical request>`. */
export function v3StringToSign(canonicalRequest: string): string {
  return `${v3Algorithm}\n${createHash('sha256').update(canonicalRequest, 'utf8').digest('hex')}`
}

/** Hex HMAC-SHA256 keyed with the bare secret (no `&`, unlike V1). */
export function v3Signature(stringToSign: string, accessKeySecret: string): string {
  return createHmac('sha256', accessKeySecret).update(stringToSign, 'utf8').digest('hex')
}
