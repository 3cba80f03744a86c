import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { ActionContext, ActionHandler } from '../actions/context'
import { ActionParams } from '../actions/parameters'
import { ApiError } from './errors'
import type { FaultInjector } from './fault-injector'
import type { ResponseFormat } from './format'
import { renderBody, responseFormatFrom } from './format'
import type { GatewayDependencies, IncomingCall, SignatureScheme } from './gateway'
import { authenticate, requestParams, signatureSchemeOf } from './gateway'

/**
 * The RPC endpoint (`/`, GET or POST): reads the request, authenticates it, runs the action and
 * writes the JSON (or XML) body. Success bodies never contain `Code`, because pop-core treats any
 * body with a `Code` as an error.
 */

export interface ApiDependencies {
  gateway: GatewayDependencies
  faults: FaultInjector
  handlers: ReadonlyMap<string, ActionHandler>
  context: ActionContext
}

export interface ApiOutcome {
  status: number
  action?: string
  signature: SignatureScheme
  /** The STS session's ordinal, for calls signed with temporary credentials. */
  session?: number
}

export const hostId = 'vod.cn-shanghai.aliyuncs.com'
const maximumBodyBytes = 1024 * 1024

export async function handleApiRequest(
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  dependencies: ApiDependencies,
): Promise<ApiOutcome> {
  const body = await readBody(request)
  const call: IncomingCall = {
    method: request.method ?? 'GET',
    path: url.pathname,
    query: new Map(url.searchParams),
    headers: headerMap(request),
    body: body ?? Buffer.alloc(0),
  }
  const signature = signatureSchemeOf(call)
  const params = requestParams(call)
  const format: ResponseFormat =
    signature === 'v3' ? 'JSON' : responseFormatFrom(params.get('Format'))
  const claimedAction = signature === 'v3' ? call.headers.get('x-acs-action') : params.get('Action')
  const requestId = randomUUID().toUpperCase()
  let status = 200
  let session: number | undefined
  let rendered
  try {
    if (body === undefined) {
      throw new ApiError('InvalidParameter', 413, 'The request body is too large.')
    }
    if (call.method !== 'GET' && call.method !== 'POST') {
      throw new ApiError('UnsupportedHTTPMethod', 405, 'Only GET and POST are supported.')
    }
    const authenticated = authenticate(call, dependencies.gateway)
    session = authenticated.session
    const handler = dependencies.handlers.get(authenticated.action)
    if (!handler) throw new ApiError('InvalidAction.NotFound', 404, 'Specified api is not found.')
    const injected = dependencies.faults.take(authenticated.action)
    if (injected) throw injected
    const fields = handler(new ActionParams(authenticated.params), dependencies.context)
    rendered = renderBody(
      `${authenticated.action}Response`,
      { RequestId: requestId, ...fields },
      format,
    )
  } catch (error) {
    const apiError =
      error instanceof ApiError
        ? error
        : new ApiError(
            'InternalError',
            500,
            'The request processing has failed due to some unknown error.',
          )
    status = apiError.status
    rendered = renderBody(
      'Error',
      {
        RequestId: requestId,
        HostId: hostId,
        Code: apiError.code,
        Message: apiError.message,
        Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(apiError.code)}&product=Vod&requestId=${requestId}`,
      },
      format,
    )
  }
  response.writeHead(status, {
    'content-type': rendered.contentType,
    'content-length': Buffer.byteLength(rendered.text),
    'x-acs-request-id': requestId,
  })
  response.end(rendered.text)
  return {
    status,
    signature,
    ...(claimedAction ? { action: claimedAction } : {}),
    ...(session === undefined ? {} : { session }),
  }
}

/** The body, or undefined when it exceeds the limit (the rest is drained, not buffered). */
async function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = []
  let length = 0
  let tooLarge = false
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk))
    length += buffer.length
    if (length > maximumBodyBytes) tooLarge = true
    if (!tooLarge) chunks.push(buffer)
  }
  return tooLarge ? undefined : Buffer.concat(chunks)
}

function headerMap(request: IncomingMessage): Map<string, string> {
  const headers = new Map<string, string>()
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue
    headers.set(name.toLowerCase(), Array.isArray(value) ? value.join(',') : value)
  }
  return headers
}
