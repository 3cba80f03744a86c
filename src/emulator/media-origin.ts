import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { EmulatorClock } from './clock'
import type { EntityDependencies } from './media/entity'
import { entityFor } from './media/entity'
import { isPlaylistKey, originManifestSigning } from './media/manifest'
import type { OssError } from './media/oss-errors'
import { invalidObjectState, noSuchKey, ossRequestId, sendOssError } from './media/oss-errors'
import { serveEntity } from './media/respond'
import type { MediaUrls } from './media-urls'
import type { ObjectStore } from './object-store'
import { ossSignature, ossStringToSign } from './signing/oss-url'

/**
 * The OSS-like origin: `/oss/<bucket>/<key>?Expires=&OSSAccessKeyId=&Signature=`. Buckets are
 * private, so every request needs a valid V1 presignature; expiry is checked before the
 * signature, as OSS does. The signature covers the HTTP method, so a URL presigned for GET is
 * rejected for HEAD, as on real OSS.
 */

export interface OriginDependencies {
  objects: ObjectStore
  entities: EntityDependencies
  urls: MediaUrls
  clock: EmulatorClock
  ossAccessKeyId: string
  ossAccessKeySecret: string
  /** Objects in archive storage that are not restored: refused, as OSS refuses them. */
  frozen?: (bucket: string, key: string) => boolean
}

const ossHeaders = { server: 'AliyunOSS' }

export function handleOriginRequest(
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  dependencies: OriginDependencies,
): number {
  const isHead = request.method === 'HEAD'
  const path = parseOssPath(url.pathname)
  const hostId = path
    ? `${path.bucket}.oss-cn-shanghai.aliyuncs.com`
    : 'oss-cn-shanghai.aliyuncs.com'
  const fail = (error: OssError) => sendOssError(response, error, hostId, isHead, ossHeaders)
  if (request.method !== 'GET' && !isHead) {
    return fail({
      status: 405,
      code: 'MethodNotAllowed',
      message: 'The specified method is not allowed against this resource.',
    })
  }
  if (!path) {
    return fail({
      status: 400,
      code: 'InvalidObjectName',
      message: 'The object name is not valid.',
    })
  }
  if (!dependencies.objects.hasBucket(path.bucket)) {
    return fail({
      status: 404,
      code: 'NoSuchBucket',
      message: 'The specified bucket does not exist.',
      details: [['BucketName', path.bucket]],
      errorCode: '0015-00000101',
    })
  }
  const query = new Map(url.searchParams)
  const denial = checkPresignature(request.method ?? 'GET', path, query, dependencies)
  if (denial) return fail(denial)
  const object = dependencies.objects.get(path.bucket, path.key)
  if (!object) return fail(noSuchKey(path.key))
  if (dependencies.frozen?.(path.bucket, path.key)) return fail(invalidObjectState())

  const expires = Number(query.get('Expires'))
  const directory = path.key.slice(0, path.key.lastIndexOf('/') + 1)
  // Segments of a private playlist are presigned until the playlist URL expires (`hls/sign`),
  // or listed bare, as the delivery option says.
  const signing = originManifestSigning({
    delivery: dependencies.entities.hls,
    playlist: isPlaylistKey(path.key),
    presign: (key) => dependencies.urls.ossQueryAt(path.bucket, key, expires),
    directory,
  })
  const entity = entityFor(object, dependencies.entities, signing)
  return serveEntity(
    request,
    response,
    entity,
    { ...ossHeaders, 'x-oss-request-id': ossRequestId() },
    dependencies.entities.cutResponsesAfterBytes,
  )
}

interface OssPath {
  bucket: string
  key: string
}

function parseOssPath(pathname: string): OssPath | undefined {
  const match = /^\/oss\/([^/]+)\/(.+)$/.exec(pathname)
  if (!match?.[1] || !match[2]) return undefined
  try {
    return { bucket: match[1], key: decodeURIComponent(match[2]) }
  } catch {
    return undefined
  }
}

function checkPresignature(
  method: string,
  path: OssPath,
  query: ReadonlyMap<string, string>,
  dependencies: OriginDependencies,
): OssError | undefined {
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
  const now = dependencies.clock.now()
  if (Math.floor(now / 1000) > expires) {
    return {
      status: 403,
      code: 'AccessDenied',
      message: 'Request has expired.',
      details: [
        ['Expires', new Date(expires * 1000).toISOString()],
        ['ServerTime', new Date(now).toISOString()],
      ],
      errorCode: '0002-00000069',
    }
  }
  if (accessKeyId !== dependencies.ossAccessKeyId) {
    return {
      status: 403,
      code: 'InvalidAccessKeyId',
      message: 'The OSS Access Key Id you provided does not exist in our records.',
      details: [['OSSAccessKeyId', accessKeyId]],
      errorCode: '0002-00000902',
    }
  }
  const stringToSign = ossStringToSign({
    method,
    expires,
    bucket: path.bucket,
    key: path.key,
    query,
  })
  const expected = ossSignature(stringToSign, dependencies.ossAccessKeySecret)
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
