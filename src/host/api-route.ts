import type { IncomingMessage, ServerResponse } from 'node:http'
import {
  dispatchRequest,
  failure,
  importListLimitBytes,
  type Handlers,
  type Result,
} from '../shared/contract'
import { toErrorData, type ErrorCode } from '../shared/errors'

/**
 * Default cap on a request body: a list `lists.import` accepts (10 MiB) must still fit once JSON
 * has escaped its quotes, tabs and line breaks (a list of ids or a CSV grows well under twice),
 * and 10,000 file references fit with room to spare.
 */
export const defaultBodyLimitBytes = 2 * importListLimitBytes + 1024 * 1024

/** Writes a `Result` as JSON; refusals carry error data too, so the renderer can show them. */
export function sendResult(
  response: ServerResponse,
  status: number,
  result: Result<unknown>,
): void {
  const body = JSON.stringify(result)
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
    'Cache-Control': 'no-store',
  })
  response.end(body)
}

/** A refusal before any handler ran. */
export function sendRefusal(
  response: ServerResponse,
  status: number,
  code: ErrorCode,
  detail: string,
): void {
  sendResult(response, status, failure(toErrorData(code, detail)))
}

class BodyTooLarge extends Error {}

/** Reads the whole body, failing as soon as it passes the limit (nothing more is buffered). */
function readBody(request: IncomingMessage, limitBytes: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length'])
  if (Number.isFinite(declared) && declared > limitBytes) return Promise.reject(new BodyTooLarge())
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    request.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > limitBytes) {
        reject(new BodyTooLarge())
        request.pause()
        return
      }
      chunks.push(chunk)
    })
    request.on('end', () => resolve(Buffer.concat(chunks)))
    request.on('error', reject)
  })
}

/**
 * `POST /api/<name>` with a JSON body `{ input }`: the request name and input go through the
 * contract's dispatcher, which refuses unknown names and parses the input with the request's
 * schema before any service sees it. The answer is always a `Result`.
 */
export async function handleApiRequest(
  handlers: Handlers,
  name: string,
  request: IncomingMessage,
  response: ServerResponse,
  limitBytes: number,
): Promise<void> {
  if (request.method !== 'POST') {
    response.setHeader('Allow', 'POST')
    sendRefusal(response, 405, 'InvalidInput', 'requests are POST')
    return
  }
  // JSON only: a cross-site form can send text/plain without asking, but not application/json.
  const contentType = request.headers['content-type'] ?? ''
  if (!/^application\/json\s*(;|$)/i.test(contentType)) {
    sendRefusal(response, 415, 'InvalidInput', 'the body must be application/json')
    return
  }
  let body: Buffer
  try {
    body = await readBody(request, limitBytes)
  } catch (error) {
    if (error instanceof BodyTooLarge) {
      response.setHeader('Connection', 'close')
      sendRefusal(response, 413, 'InvalidInput', `the body is larger than ${limitBytes} bytes`)
      return
    }
    throw error
  }
  let envelope: unknown
  try {
    envelope = body.length === 0 ? {} : (JSON.parse(body.toString('utf8')) as unknown)
  } catch {
    sendRefusal(response, 400, 'InvalidInput', 'the body is not JSON')
    return
  }
  if (typeof envelope !== 'object' || envelope === null || Array.isArray(envelope)) {
    sendRefusal(response, 400, 'InvalidInput', 'the body must be an object { input }')
    return
  }
  const input = (envelope as { input?: unknown }).input
  sendResult(response, 200, await dispatchRequest(handlers, name, input))
}
