import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http'
import type { HlsKeyRecord } from '../object-store'
import { appendLogEntry, type RequestLogEntry } from '../request-log'

/**
 * A stand-in for the customer's HLS decrypt service at `/keys/<keyId>?Ciphertext=<EDK>`: it
 * checks the envelope and an `MtsHlsUriToken` (any non-empty token, or exactly the configured
 * one) and returns the 16-byte AES-128 key, as the real service returns the base64-decoded
 * plaintext key from KMS.
 */

export interface KeyServiceDependencies {
  hlsKeys: ReadonlyMap<string, HlsKeyRecord>
  /** When set, only this token is accepted; otherwise any non-empty token is. */
  requiredToken: string | undefined
}

export function handleKeyRequest(
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  dependencies: KeyServiceDependencies,
): number {
  const reply = (status: number, text: string): number => {
    response.writeHead(status, {
      'content-type': 'text/plain;charset=utf-8',
      'cache-control': 'no-store',
      'content-length': Buffer.byteLength(text),
    })
    response.end(request.method === 'HEAD' ? undefined : text)
    return status
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') return reply(405, 'method not allowed')
  let keyId: string
  try {
    keyId = decodeURIComponent(url.pathname.slice('/keys/'.length))
  } catch {
    return reply(400, 'malformed key id')
  }
  const record = dependencies.hlsKeys.get(keyId)
  if (!record) return reply(404, 'unknown key')
  if (url.searchParams.get('Ciphertext') !== record.ciphertext) {
    return reply(400, 'Ciphertext does not match this key')
  }
  const token = url.searchParams.get('MtsHlsUriToken') ?? ''
  if (token === '') return reply(403, 'MtsHlsUriToken is required')
  if (dependencies.requiredToken !== undefined && token !== dependencies.requiredToken) {
    return reply(403, 'MtsHlsUriToken is not valid')
  }
  response.writeHead(200, {
    'content-type': 'application/octet-stream',
    'cache-control': 'no-store',
    'content-length': record.key.length,
    'access-control-allow-origin': '*',
  })
  response.end(request.method === 'HEAD' ? undefined : record.key)
  return 200
}

/**
 * A key service on a host of its own (`hls.keyHost: 'separate'`): `/keys/…` only, logged like
 * the media host's requests.
 */
export function createKeyServiceListener(
  dependencies: KeyServiceDependencies,
  log: RequestLogEntry[],
): RequestListener {
  return (request, response) => {
    let url: URL
    try {
      url = new URL(request.url ?? '/', 'http://127.0.0.1')
    } catch {
      response.writeHead(400, { 'content-type': 'text/plain' })
      response.end('malformed request target')
      return
    }
    let status: number
    if (url.pathname.startsWith('/keys/')) {
      status = handleKeyRequest(request, response, url, dependencies)
    } else {
      status = 404
      response.writeHead(404, { 'content-type': 'text/plain' })
      response.end('not found')
    }
    appendLogEntry(log, { kind: 'media', path: url.pathname, status })
  }
}
