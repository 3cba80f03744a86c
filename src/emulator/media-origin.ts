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
import { checkPresignature } from './signing/oss-presignature'

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
  const denial = checkPresignature({
    method: request.method ?? 'GET',
    bucket: path.bucket,
    key: path.key,
    query,
    now: dependencies.clock.now(),
    accessKeyId: dependencies.ossAccessKeyId,
    accessKeySecret: dependencies.ossAccessKeySecret,
  })
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
  return serveEntity(request, response, entity, {
    baseHeaders: { ...ossHeaders, 'x-oss-request-id': ossRequestId() },
    hostId,
    rangeBehavior: 'oss',
    cutAfterBytes: dependencies.entities.cutResponsesAfterBytes,
  })
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
