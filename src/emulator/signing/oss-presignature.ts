import { timingSafeEqual } from 'node:crypto'
import type { OssError } from '../media/oss-errors'
import { ossSignature, ossStringToSign } from './oss-url'

/**
 * The check OSS applies to a V1 presigned URL (`?Expires=&OSSAccessKeyId=&Signature=`), shared
 * by the emulator's origin and the engine tests' fixture server. Expiry is checked before the
 * key and the signature, as OSS does, so an expired URL reads as expired even if garbled; the
 * signature covers the HTTP method, so a URL presigned for GET is refused for HEAD.
 */

export interface PresignedRequest {
  method: string
  bucket: string
  /** The decoded object key. */
  key: string
  /** Decoded query params. */
  query: ReadonlyMap<string, string>
  /** The server's clock, in milliseconds. */
  now: number
  accessKeyId: string
  accessKeySecret: string
}

/** The OSS error for a request whose presignature does not hold, or undefined if it holds. */
export function checkPresignature(request: PresignedRequest): OssError | undefined {
  const { query } = request
  const expiresText = query.get('Expires')
  const accessKeyId = query.get('OSSAccessKeyId')
  const signature = query.get('Signature')
  if (expiresText === undefined && accessKeyId === undefined && signature === undefined) {
    return {
      status: 403,
      code: 'AccessDenied',
      message: 'You have no right to access this object because of bucket acl.',
      errorCode: '0003-00000001',
    }
  }
  if (expiresText === undefined || accessKeyId === undefined || signature === undefined) {
    return {
      status: 403,
      code: 'AccessDenied',
      message: 'Expires, OSSAccessKeyId and Signature are all required in a presigned URL.',
      errorCode: '0002-00000068',
    }
  }
  const expires = Number(expiresText)
  if (!/^\d+$/.test(expiresText) || !Number.isSafeInteger(expires)) {
    return {
      status: 403,
      code: 'AccessDenied',
      message: 'Invalid expires.',
      errorCode: '0002-00000067',
    }
  }
  const now = request.now
  if (Math.floor(now / 1000) > expires) {
    return {
      status: 403,
      code: 'AccessDenied',
      message: 'Request has expired.',
      // OSS prints both times in whole seconds.
      details: [
        ['Expires', new Date(expires * 1000).toISOString()],
        ['ServerTime', new Date(Math.floor(now / 1000) * 1000).toISOString()],
      ],
      errorCode: '0002-00000069',
    }
  }
  if (accessKeyId !== request.accessKeyId) {
    return {
      status: 403,
      code: 'InvalidAccessKeyId',
      message: 'The OSS Access Key Id you provided does not exist in our records.',
      details: [['OSSAccessKeyId', accessKeyId]],
      errorCode: '0002-00000902',
    }
  }
  const stringToSign = ossStringToSign({
    method: request.method,
    expires,
    bucket: request.bucket,
    key: request.key,
    query,
  })
  const expected = ossSignature(stringToSign, request.accessKeySecret)
  if (!sameText(signature, expected)) {
    return {
      status: 403,
      code: 'SignatureDoesNotMatch',
      message:
        'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
      details: [
        ['OSSAccessKeyId', accessKeyId],
        ['SignatureProvided', signature],
        ['StringToSign', stringToSign],
        [
          'StringToSignBytes',
          Buffer.from(stringToSign)
            .toString('hex')
            .replace(/(..)(?!$)/g, '$1 '),
        ],
      ],
      errorCode: '0002-00000040',
    }
  }
  return undefined
}

function sameText(left: string, right: string): boolean {
  const a = Buffer.from(left)
  const b = Buffer.from(right)
  return a.length === b.length && timingSafeEqual(a, b)
}
