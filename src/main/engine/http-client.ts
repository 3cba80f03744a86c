import http from 'node:http'
import https from 'node:https'
import type { Readable } from 'node:stream'
import { AppError } from '../../shared/errors'
import type { ResponseHead } from './response-check'

export interface OpenedResponse {
  head: ResponseHead
  /** The final URL after redirects. */
  url: string
  body: Readable
  /** Stops the transfer and frees the socket. */
  destroy(error?: Error): void
}

export interface HttpClientOptions {
  userAgent?: string
  connectTimeoutMs?: number
  /** Time allowed for the response headers to arrive (slow first byte). */
  responseTimeoutMs?: number
  /** Sockets kept alive per host: reused across jobs, which matters for many small files. */
  maxSocketsPerHost?: number
  /**
   * Chooses the agents for each URL (and for each redirect), e.g. through a proxy; `direct` are
   * the client's own keep-alive agents. Default: always `direct`.
   */
  agents?: AgentChooser
}

/** The agents one request goes out with. */
export interface ChosenAgents {
  http: http.Agent
  https: https.Agent
  /** Explains a failure of a request sent with these agents (a proxy's refusal), if it can. */
  explainFailure?: (error: unknown) => AppError | undefined
}

export type AgentChooser = (url: string, direct: ChosenAgents) => Promise<ChosenAgents>

/** Network-level failures that deserve another try. */
const transientNetworkCodes = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ENETUNREACH',
  'ENETDOWN',
  'EHOSTUNREACH',
  'EAI_AGAIN',
  'ENOTFOUND',
  'ERR_STREAM_PREMATURE_CLOSE',
])

/** Maps a socket or got error to our codes (network problems are retryable). */
export function toNetworkError(error: unknown): AppError {
  if (error instanceof AppError) return error
  const code = (error as { code?: unknown }).code
  const message = error instanceof Error ? error.message : String(error)
  if (code === 'ETIMEDOUT' || (error as { name?: unknown }).name === 'TimeoutError') {
    return new AppError('Timeout', message, { cause: error })
  }
  if (typeof code === 'string' && transientNetworkCodes.has(code)) {
    return new AppError('NetworkError', `${code}: ${message}`, { cause: error })
  }
  return new AppError('NetworkError', message, { cause: error })
}

const redirectStatuses = new Set([301, 302, 303, 307, 308])
const maximumRedirects = 10

function timeoutError(message: string): Error {
  return Object.assign(new Error(message), { code: 'ETIMEDOUT' })
}

/**
 * Byte requests over `node:http` with keep-alive agents shared by every job (measured against
 * got and undici with `bench/http-clients.ts`: a quarter of got's CPU per request, which is
 * what many small files cost). Bodies are never decoded
 * (`Accept-Encoding: identity`, no decompression): bytes are counted and written as they arrive.
 */
export class HttpClient {
  private readonly httpAgent: http.Agent
  private readonly httpsAgent: https.Agent
  private readonly options: Required<Omit<HttpClientOptions, 'agents'>>
  private readonly chooseAgents: AgentChooser

  constructor(options: HttpClientOptions = {}) {
    this.options = {
      userAgent: options.userAgent ?? 'VOD-Downloader/0.1',
      connectTimeoutMs: options.connectTimeoutMs ?? 15_000,
      responseTimeoutMs: options.responseTimeoutMs ?? 30_000,
      maxSocketsPerHost: options.maxSocketsPerHost ?? 64,
    }
    this.chooseAgents = options.agents ?? ((_url, direct) => Promise.resolve(direct))
    const agentOptions = {
      keepAlive: true,
      maxSockets: this.options.maxSocketsPerHost,
      scheduling: 'lifo' as const,
    }
    this.httpAgent = new http.Agent(agentOptions)
    this.httpsAgent = new https.Agent(agentOptions)
  }

  /**
   * Starts a GET and resolves once the response headers are in (the body is not read yet),
   * following up to {@link maximumRedirects} redirects, each hop with the agents chosen for its
   * URL (a proxy's bypass list, PAC).
   */
  async open(
    url: string,
    headers: Record<string, string>,
    signal: AbortSignal,
  ): Promise<OpenedResponse> {
    const direct: ChosenAgents = { http: this.httpAgent, https: this.httpsAgent }
    const sent = { 'user-agent': this.options.userAgent, ...headers, 'accept-encoding': 'identity' }
    let current = url
    for (let hop = 0; ; hop++) {
      if (signal.aborted) throw signal.reason as Error
      const chosen = await this.chooseAgents(current, direct)
      if (signal.aborted) throw signal.reason as Error
      const response = await this.request(current, sent, chosen, signal)
      const location = response.headers.location
      if (!redirectStatuses.has(response.statusCode ?? 0) || !location) {
        return {
          head: { status: response.statusCode ?? 0, headers: response.headers },
          url: current,
          body: response,
          destroy: (error) => response.destroy(error),
        }
      }
      response.resume()
      response.destroy()
      if (hop >= maximumRedirects) {
        throw new AppError('NetworkError', `more than ${maximumRedirects} redirects`)
      }
      current = new URL(location, current).toString()
    }
  }

  /** One request on `node:http`: its response once the headers are in, or the failure explained. */
  private request(
    url: string,
    headers: Record<string, string>,
    agents: ChosenAgents,
    signal: AbortSignal,
  ): Promise<http.IncomingMessage> {
    const secure = url.startsWith('https:')
    const request = (secure ? https : http).get(url, {
      agent: secure ? agents.https : agents.http,
      headers,
    })
    const { connectTimeoutMs, responseTimeoutMs } = this.options
    return new Promise<http.IncomingMessage>((resolve, reject) => {
      let connectTimer: NodeJS.Timeout | undefined
      const fail = (error: Error): void => {
        settle()
        request.destroy()
        reject(error)
      }
      const onAbort = (): void => fail(signal.reason as Error)
      const onError = (error: Error): void =>
        fail(agents.explainFailure?.(error) ?? toNetworkError(error))
      // Headers must arrive within the response timeout of the request being sent.
      const responseTimer = setTimeout(
        () => onError(timeoutError(`no response headers within ${responseTimeoutMs} ms`)),
        responseTimeoutMs,
      )
      const settle = (): void => {
        clearTimeout(responseTimer)
        if (connectTimer) clearTimeout(connectTimer)
        signal.removeEventListener('abort', onAbort)
      }
      signal.addEventListener('abort', onAbort, { once: true })
      request.once('error', onError)
      request.once('socket', (socket) => {
        // A new connection must be made within the connect timeout; a reused one is connected.
        if (!(socket as { connecting?: boolean }).connecting) return
        connectTimer = setTimeout(
          () => onError(timeoutError(`no connection within ${connectTimeoutMs} ms`)),
          connectTimeoutMs,
        )
        socket.once(secure ? 'secureConnect' : 'connect', () => clearTimeout(connectTimer))
      })
      request.once('response', (response) => {
        settle()
        request.off('error', onError)
        // Later failures (a connection cut mid-body) surface on the body stream.
        request.on('error', (error) => response.destroy(error))
        resolve(response)
      })
    })
  }

  /** Reads at most `limit` bytes of a (small, error) body as text and closes the response. */
  async readText(response: OpenedResponse, limit = 64 * 1024): Promise<string> {
    const chunks: Buffer[] = []
    let size = 0
    try {
      for await (const chunk of response.body) {
        const buffer = chunk as Buffer
        chunks.push(buffer)
        size += buffer.length
        if (size >= limit) break
      }
    } catch {
      // An error body that breaks off is still good enough to classify.
    } finally {
      response.destroy()
    }
    return Buffer.concat(chunks).subarray(0, limit).toString('utf8')
  }

  close(): void {
    this.httpAgent.destroy()
    this.httpsAgent.destroy()
  }
}
