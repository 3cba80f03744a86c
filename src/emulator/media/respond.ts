import type { IncomingMessage, ServerResponse } from 'node:http'
import { pipeline, type Readable } from 'node:stream'
import type { RangeBehavior } from './byte-range'
import type { ServableEntity } from './entity'
import type { EntityResponse } from './entity-response'
import { entityResponse } from './entity-response'
import { sendOssError } from './oss-errors'

/**
 * Writes the emulator's media responses: the status and headers come from `entityResponse`
 * (shared with the engine tests' fixture server), the body from the entity, cut short on request.
 */

export interface ServeOptions {
  /** Server headers (Server, x-oss-request-id, …) sent with every response. */
  baseHeaders: Record<string, string>
  /** `<HostId>` of an error body. */
  hostId: string
  rangeBehavior: RangeBehavior
  /** Fault injection: destroy the socket after this many body bytes (see EntityDependencies). */
  cutAfterBytes?: number
}

/** Writes the response for `entity`; returns the status sent. */
export function serveEntity(
  request: IncomingMessage,
  response: ServerResponse,
  entity: ServableEntity,
  options: ServeOptions,
): number {
  const isHead = request.method === 'HEAD'
  const plan: EntityResponse = entityResponse(request, entity, {
    rangeBehavior: options.rangeBehavior,
  })
  if (plan.kind === 'invalid-range') {
    return sendOssError(response, plan.error, options.hostId, isHead, {
      ...options.baseHeaders,
      ...plan.headers,
    })
  }
  response.writeHead(plan.status, { ...options.baseHeaders, ...plan.headers })
  if (plan.kind === 'not-modified' || isHead || plan.endExclusive === plan.start) {
    response.end()
    return plan.status
  }
  const { start, endExclusive } = plan
  const cutAfterBytes = options.cutAfterBytes
  const body = entity.read(start, endExclusive)
  const cut = cutAfterBytes !== undefined && endExclusive - start > cutAfterBytes
  if (Buffer.isBuffer(body) && !cut) {
    response.end(body)
  } else if (Buffer.isBuffer(body)) {
    response.write(body.subarray(0, cutAfterBytes), () => response.destroy())
  } else {
    // A client that disconnects mid-body is normal for a download manager; nothing to report.
    if (cut) pipeWithCut(body, response, cutAfterBytes)
    else pipeline(body, response, () => undefined)
  }
  return plan.status
}

/** Sends `limit` bytes of the body, then destroys the connection (a transfer broken mid-body). */
function pipeWithCut(body: Readable, response: ServerResponse, limit: number): void {
  let sent = 0
  body.on('data', (chunk: Buffer) => {
    const piece = chunk.subarray(0, limit - sent)
    sent += piece.length
    if (sent < limit) {
      if (!response.write(piece)) body.pause()
      return
    }
    body.destroy()
    response.write(piece, () => response.destroy())
  })
  response.on('drain', () => body.resume())
  response.on('close', () => body.destroy())
  body.on('error', () => response.destroy())
}
