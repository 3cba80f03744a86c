import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http'
import type { ApiDependencies } from './api/handler'
import { handleApiRequest } from './api/handler'
import type { EdgeDependencies } from './cdn-edge'
import { handleEdgeRequest } from './cdn-edge'
import type { CredentialsUriDependencies } from './credentials-uri'
import { credentialsUriPath, handleCredentialsUriRequest } from './credentials-uri'
import type { KeyServiceDependencies } from './media/key-service'
import { handleKeyRequest } from './media/key-service'
import type { OriginDependencies } from './media-origin'
import { handleOriginRequest } from './media-origin'
import type { RequestLogEntry } from './request-log'
import { appendLogEntry } from './request-log'

/**
 * One port, five roles: the RPC API at `/`, the OSS origin at `/oss/`, the CDN edge at `/cdn/`,
 * the HLS key service at `/keys/` and a credentials URI issuing STS sessions at
 * `/sts/credentials`.
 */
export interface ServerDependencies {
  api: ApiDependencies
  origin: OriginDependencies
  edge: EdgeDependencies
  keys: KeyServiceDependencies
  credentialsUri: CredentialsUriDependencies
  log: RequestLogEntry[]
}

export function createRequestListener(dependencies: ServerDependencies): RequestListener {
  return (request: IncomingMessage, response: ServerResponse) => {
    let url: URL
    try {
      url = new URL(request.url ?? '/', 'http://127.0.0.1')
    } catch {
      response.writeHead(400, { 'content-type': 'text/plain' })
      response.end('malformed request target')
      return
    }
    const path = url.pathname
    const media = (handle: () => number) => {
      let status: number
      try {
        status = handle()
      } catch {
        // A bug in a media handler answers 500 instead of taking the whole emulator down.
        status = 500
        if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' })
        response.end()
      }
      appendLogEntry(dependencies.log, { kind: 'media', path, status })
    }
    if (path === '/') {
      void handleApiRequest(request, response, url, dependencies.api).then(
        (outcome) =>
          appendLogEntry(dependencies.log, {
            kind: 'api',
            path,
            status: outcome.status,
            signature: outcome.signature,
            ...(outcome.action ? { action: outcome.action } : {}),
            ...(outcome.session === undefined ? {} : { session: outcome.session }),
          }),
        () => {
          // Only a broken connection gets here (the handler turns every other failure into a
          // body); there is nobody left to answer.
          if (!response.headersSent) response.writeHead(500)
          response.end()
        },
      )
    } else if (path.startsWith('/oss/')) {
      media(() => handleOriginRequest(request, response, url, dependencies.origin))
    } else if (path.startsWith('/cdn/')) {
      media(() => handleEdgeRequest(request, response, url, dependencies.edge))
    } else if (path.startsWith('/keys/')) {
      media(() => handleKeyRequest(request, response, url, dependencies.keys))
    } else if (path === credentialsUriPath) {
      const status = handleCredentialsUriRequest(
        request,
        response,
        url,
        dependencies.credentialsUri,
      )
      appendLogEntry(dependencies.log, { kind: 'credentials', path, status })
    } else {
      media(() => {
        response.writeHead(404, { 'content-type': 'text/plain' })
        response.end('not found')
        return 404
      })
    }
  }
}
