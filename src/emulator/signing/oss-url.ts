import { createHmac } from 'node:crypto'

/**
 * OSS V1 presigned URLs (`?Expires=&OSSAccessKeyId=&Signature=`), which is what VOD returns for
 * origin addresses. Signature = base64(HMAC-SHA1(secret,
 * `VERB\nContent-MD5\nContent-Type\nExpires\n/<bucket>/<key>[?sub-resources]`)).
 */

/** Query params that OSS signs as sub-resources; any others (e.g. MtsHlsUriToken) are not. */
const signedSubResources = [
  'response-cache-control',
  'response-content-disposition',
  'response-content-encoding',
  'response-content-language',
  'response-content-type',
  'response-expires',
  'security-token',
  'x-oss-process',
]

export interface OssStringToSignInput {
  method: string
  expires: number
  bucket: string
  /** The decoded object key. */
  key: string
  /** Decoded query params; only the signed sub-resources are used. */
  query?: ReadonlyMap<string, string>
}

export function ossStringToSign(input: OssStringToSignInput): string {
  const subResources = signedSubResources
    .filter((name) => input.query?.has(name))
    .map((name) => {
      const value = input.query?.get(name) ?? ''
      return value === '' ? name : `${name}=${value}`
    })
  const resource =
    `/${input.bucket}/${input.key}` + (subResources.length ? `?${subResources.join('&')}` : '')
  return `${input.method.toUpperCase()}\n\n\n${input.expires}\n${resource}`
}

export function ossSignature(stringToSign: string, accessKeySecret: string): string {
  return createHmac('sha1', accessKeySecret).update(stringToSign, 'utf8').digest('base64')
}
