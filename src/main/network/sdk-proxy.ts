import http from 'node:http'
import https from 'node:https'
import { stringify } from 'node:querystring'
import { Readable } from 'node:stream'
import * as TeaModule from '@alicloud/tea-typescript'
import { explainProxiedFailure } from './proxy-network'
import { ProxyAgentPool } from './proxy-agents'
import { normalizeProxyUrl } from './proxy-address'

/**
 * Makes the VOD SDK's own proxy options work. `@alicloud/openapi-client` declares `httpProxy`,
 * `httpsProxy`, `noProxy` and `socks5Proxy` (on `Config` and `RuntimeOptions`) and forwards
 * them to its Tea core on every call, but the core's `doAction` (`@alicloud/tea-typescript`,
 * as of 1.8.0 its newest release) never reads them: every API call goes out directly. This
 * replaces `doAction`, which the client looks up on the Tea module at each call, with one that
 * sends a request carrying one of those options through the proxy's agent (the same agents
 * downloads use), and every other request through a keep-alive agent of its own.
 *
 * Direct requests do not go to the original either: its `httpx` arms a response timer per
 * request (the read timeout, 20 s) that only `httpx.read` clears, and the SDK reads bodies with
 * its own reader, so every call's request, response and socket closure stayed reachable for
 * 20 s. At the hundreds of calls per second of a library backup that was about 100 MB of live
 * heap, which the garbage collector then grew the heap by: `vod sync` of 20,000 items peaked at
 * 700 MiB.
 */

interface TeaRequest {
  protocol: string
  port?: number
  method?: string
  pathname: string
  headers: Record<string, string>
  query?: Record<string, string>
  body?: unknown
}

type TeaRuntime = Record<string, unknown> | null | undefined
type DoAction = (request: TeaRequest, runtime?: TeaRuntime) => Promise<unknown>

interface TeaExports {
  doAction: DoAction & { [proxyAware]?: true }
  Response: new (response: http.IncomingMessage) => unknown
}

const proxyAware = Symbol('vod-downloader.proxy-aware')
const pool = new ProxyAgentPool({ maxSocketsPerHost: 8 })
/** Calls without a proxy, kept alive as the core's own agents are. */
const directAgents = {
  http: new http.Agent({ keepAlive: true }),
  https: new https.Agent({ keepAlive: true }),
}

/**
 * The Tea module's own exports object (the one the SDK reads `doAction` from). Node hands an
 * ES import of this CommonJS package its `module.exports` as `default`; some loaders give the
 * exports themselves.
 */
function teaExports(): TeaExports {
  const namespace = TeaModule as unknown as { default?: TeaExports } & TeaExports
  return typeof namespace.default?.doAction === 'function' ? namespace.default : namespace
}

/** Installs the proxy-aware `doAction` once per process; later calls do nothing. */
export function installSdkProxySupport(): void {
  const tea = teaExports()
  if (tea.doAction[proxyAware]) return
  const proxied: TeaExports['doAction'] = async (request, runtime) => {
    const proxy = proxyOf(request, runtime)
    const agents = proxy === undefined ? directAgents : await pool.agentsFor(proxy)
    const agent = request.protocol.toLowerCase() === 'https' ? agents.https : agents.http
    if (proxy === undefined) return send(tea, request, runtime, agent)
    try {
      return await send(tea, request, runtime, agent)
    } catch (error) {
      throw explainProxiedFailure(error, proxy)
    }
  }
  proxied[proxyAware] = true
  tea.doAction = proxied
}

/** The proxy a request asks for in the SDK's runtime options, if any. */
function proxyOf(request: TeaRequest, runtime: TeaRuntime): string | undefined {
  const option = (name: string): string | undefined => {
    const value = runtime?.[name]
    return typeof value === 'string' && value.trim() !== '' ? value : undefined
  }
  const host = request.headers.host ?? ''
  const bypass = option('noProxy')
  if (bypass?.split(',').some((entry) => entry.trim() === host)) return undefined
  const chosen =
    option('socks5Proxy') ??
    (request.protocol.toLowerCase() === 'https' ? option('httpsProxy') : option('httpProxy'))
  return chosen === undefined ? undefined : normalizeProxyUrl(chosen)
}

/** `doAction`'s request, sent with `agent`; resolves to the SDK's Response as the core's does. */
function send(
  tea: TeaExports,
  request: TeaRequest,
  runtime: TeaRuntime,
  agent: http.Agent,
): Promise<unknown> {
  const method = (request.method ?? 'GET').toUpperCase()
  const port = request.port ? `:${request.port}` : ''
  const query = request.query && Object.keys(request.query).length > 0
  const url = `${request.protocol}://${request.headers.host}${port}${request.pathname}${
    query ? `${request.pathname.includes('?') ? '&' : '?'}${stringify(request.query)}` : ''
  }`
  const connectTimeout = Number(runtime?.connectTimeout ?? 5_000)
  const readTimeout = Number(runtime?.readTimeout ?? 10_000)
  const transport = request.protocol.toLowerCase() === 'https' ? https : http
  return new Promise((resolve, reject) => {
    const outgoing = transport.request(url, {
      method,
      headers: request.headers,
      agent,
      timeout: connectTimeout + readTimeout,
    })
    const timer = setTimeout(
      () => outgoing.destroy(timeoutError(`ReadTimeout(${readTimeout})`)),
      connectTimeout + readTimeout,
    )
    outgoing.once('response', (response) => {
      clearTimeout(timer)
      resolve(new tea.Response(response))
    })
    outgoing.once('timeout', () =>
      outgoing.destroy(timeoutError(`ConnectTimeout(${connectTimeout})`)),
    )
    outgoing.once('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    const body = method === 'GET' || method === 'HEAD' ? undefined : request.body
    if (body instanceof Readable) body.pipe(outgoing)
    else outgoing.end(typeof body === 'string' || Buffer.isBuffer(body) ? body : undefined)
  })
}

/** Named as the core's own timeouts are, so the client counts them as network errors and retries. */
function timeoutError(message: string): Error {
  return Object.assign(new Error(message), { name: 'RequestTimeoutError' })
}
