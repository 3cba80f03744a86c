import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { wire, type Handlers, type Unsubscribe } from '../shared/contract'
import type { Logger } from '../main/common/logger'
import type { EventSink } from '../main/services/event-hub'
import { defaultBodyLimitBytes, handleApiRequest, sendRefusal } from './api-route'
import { hostContentSecurityPolicy } from './content-security-policy'
import { EventSocket } from './event-socket'
import { bearerToken, isAllowedHost, isAllowedOrigin, tokenMatches } from './request-guard'
import { serveStaticFile } from './static-files'

/** The contract to serve, the renderer to serve it with, and how to listen. */
export interface BridgeServerOptions {
  handlers: Handlers
  subscribe: (listener: EventSink) => Unsubscribe
  /** The built renderer (out/renderer). */
  rendererDirectory: string
  /** 0 (default) picks a free port. */
  port?: number
  /** The bridge token; default 32 random bytes. Tests pass their own. */
  token?: string
  bodyLimitBytes?: number
  log: Logger
}

/** A listening bridge: where it is, its token, and how to stop it. */
export interface BridgeServer {
  readonly port: number
  /** `http://127.0.0.1:PORT`. */
  readonly origin: string
  readonly token: string
  /** The address to open: the origin with the token in the fragment (never sent to a server). */
  readonly url: string
  close(): Promise<void>
}

/** The path of a request target, or undefined when it cannot be parsed as one. */
function requestPath(request: IncomingMessage): string | undefined {
  try {
    return new URL(request.url ?? '/', 'http://localhost').pathname
  } catch {
    return undefined
  }
}

/** `/api/<name>`'s name, percent-decoded; undefined for a malformed escape such as `%E0%A4%A`. */
function decodedRequestName(encoded: string): string | undefined {
  try {
    return decodeURIComponent(encoded)
  } catch {
    return undefined
  }
}

/** Creates a bridge token: 32 random bytes, URL-safe. */
export function createBridgeToken(): string {
  return randomBytes(32).toString('base64url')
}

/**
 * The headless host's HTTP side, bound to 127.0.0.1 only: the built renderer as static files,
 * the contract as `POST /api/<name>` (bearer token), and events on the `/events` WebSocket
 * (token in the query). Every request must name this host in `Host`; requests from a browser
 * page must come from this host's origin.
 */
export async function startBridgeServer(options: BridgeServerOptions): Promise<BridgeServer> {
  const token = options.token ?? createBridgeToken()
  const limit = options.bodyLimitBytes ?? defaultBodyLimitBytes
  const server = createServer({ keepAlive: true })
  let port = 0
  let securityHeaders: Record<string, string> = {}

  const events = new EventSocket({
    subscribe: options.subscribe,
    authorize(request) {
      if (!isAllowedHost(request.headers.host, port)) return { ok: false, status: 403 }
      if (!isAllowedOrigin(request.headers.origin, port)) return { ok: false, status: 403 }
      const presented = new URL(request.url ?? '/', 'http://localhost').searchParams.get('token')
      return tokenMatches(presented ?? undefined, token) ? { ok: true } : { ok: false, status: 401 }
    },
  })

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    for (const [name, value] of Object.entries(securityHeaders)) response.setHeader(name, value)
    if (!isAllowedHost(request.headers.host, port)) {
      sendRefusal(
        response,
        403,
        'ForeignRequest',
        'this host answers only to 127.0.0.1 and localhost',
      )
      return
    }
    const path = requestPath(request)
    if (path === undefined) {
      sendRefusal(response, 400, 'InvalidInput', 'the request target is not a valid path')
      return
    }
    if (path.startsWith(wire.apiPathPrefix)) {
      if (!isAllowedOrigin(request.headers.origin, port)) {
        sendRefusal(response, 403, 'ForeignRequest', 'requests from other sites are refused')
        return
      }
      if (!tokenMatches(bearerToken(request.headers.authorization), token)) {
        sendRefusal(response, 401, 'Unauthorized', 'missing or wrong bridge token')
        return
      }
      const name = decodedRequestName(path.slice(wire.apiPathPrefix.length))
      if (name === undefined) {
        sendRefusal(response, 400, 'InvalidInput', 'the request name is not valid percent-encoding')
        return
      }
      await handleApiRequest(options.handlers, name, request, response, limit)
      return
    }
    await serveStaticFile(options.rendererDirectory, path, request, response)
  }

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    handle(request, response).catch((error: unknown) => {
      // Never the URL: the events path carries the token in its query.
      options.log.error(`host: ${request.method ?? '?'} failed: ${String(error)}`)
      if (!response.headersSent) sendRefusal(response, 500, 'Internal', 'the host failed')
      else response.destroy()
    })
  })
  server.on('upgrade', (request: IncomingMessage, socket, head: Buffer) => {
    if (requestPath(request) !== wire.eventsPath) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
      return
    }
    events.upgrade(request, socket, head)
  })
  server.on('clientError', (_error, socket) => socket.destroy())

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  port = (server.address() as AddressInfo).port
  securityHeaders = {
    'Content-Security-Policy': hostContentSecurityPolicy(port),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  }
  const origin = `http://127.0.0.1:${port}`

  let closing: Promise<void> | undefined
  return {
    port,
    origin,
    token,
    url: `${origin}/#token=${token}`,
    close() {
      closing ??= new Promise<void>((resolve) => {
        events.close()
        server.close(() => resolve())
        server.closeAllConnections()
      })
      return closing
    },
  }
}
