import { randomBytes } from 'node:crypto'
import type { ServerResponse } from 'node:http'
import { escapeXml } from '../api/format'

/**
 * OSS-style error responses: `application/xml` bodies `<Error><Code/><Message/>…</Error>` with
 * the request id in `x-oss-request-id`, as downloaders see them from a real bucket.
 */

export interface OssError {
  status: number
  code: string
  message: string
  /** Extra elements after Message, e.g. Expires/ServerTime or StringToSign. */
  details?: ReadonlyArray<readonly [string, string]>
  /** OSS's detailed error code (x-oss-ec). */
  errorCode?: string
}

export function ossRequestId(): string {
  return randomBytes(12).toString('hex').toUpperCase()
}

export function sendOssError(
  response: ServerResponse,
  error: OssError,
  hostId: string,
  isHead: boolean,
  extraHeaders: Record<string, string> = {},
): number {
  const requestId = ossRequestId()
  const elements: Array<readonly [string, string]> = [
    ['Code', error.code],
    ['Message', error.message],
    ['RequestId', requestId],
    ['HostId', hostId],
    ...(error.details ?? []),
  ]
  if (error.errorCode) {
    elements.push(['EC', error.errorCode])
    elements.push(['RecommendDoc', `https://api.aliyun.com/troubleshoot?q=${error.errorCode}`])
  }
  const body =
    '<?xml version="1.0" encoding="UTF-8"?>\n<Error>\n' +
    elements.map(([name, value]) => `  <${name}>${escapeXml(value)}</${name}>\n`).join('') +
    '</Error>\n'
  response.writeHead(error.status, {
    ...extraHeaders,
    'content-type': 'application/xml',
    'content-length': Buffer.byteLength(body),
    'x-oss-request-id': requestId,
    ...(error.errorCode ? { 'x-oss-ec': error.errorCode } : {}),
  })
  response.end(isHead ? undefined : body)
  return error.status
}

/** A GET of an Archive or Cold Archive object that is not restored (or whose copy lapsed). */
export function invalidObjectState(): OssError {
  return {
    status: 403,
    code: 'InvalidObjectState',
    message: "The operation is not valid for the object's state",
    errorCode: '0016-00000404',
  }
}

export function noSuchKey(key: string): OssError {
  return {
    status: 404,
    code: 'NoSuchKey',
    message: 'The specified key does not exist.',
    details: [['Key', key]],
    errorCode: '0026-00000001',
  }
}
