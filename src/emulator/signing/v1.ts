import { createHmac } from 'node:crypto'
import { percentEncode } from '../percent-encoding'

/**
 * Signature V1.0 (HMAC-SHA1), as sent by `@alicloud/pop-core` and by Tea clients with
 * `signatureAlgorithm: 'v2'`. Params are the decoded union of query and form body; the server
 * re-encodes them, so it does not depend on how the client escaped them on the wire.
 */

/** Sorted `name=value` pairs of every param except `Signature`, RFC 3986 encoded. */
export function v1CanonicalQuery(params: ReadonlyMap<string, string>): string {
  return [...params.keys()]
    .filter((name) => name !== 'Signature')
    .sort()
    .map((name) => `${percentEncode(name)}=${percentEncode(params.get(name) ?? '')}`)
    .join('&')
}

/** `METHOD&%2F&enc(canonical query)`; the method is the real HTTP method of the request. */
export function v1StringToSign(method: string, params: ReadonlyMap<string, string>): string {
  return `${method.toUpperCase()}&${percentEncode('/')}&${percentEncode(v1CanonicalQuery(params))}`
}

/** Base64 HMAC-SHA1 keyed with `secret + "&"`. */
export function v1Signature(stringToSign: string, accessKeySecret: string): string {
  return createHmac('sha1', `${accessKeySecret}&`).update(stringToSign, 'utf8').digest('base64')
}
