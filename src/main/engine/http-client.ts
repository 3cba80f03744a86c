import http from 'node:http'
import https from 'node:https'
import type { Readable } from 'node:stream'
import got from 'got'
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

/**
 * Byte requests over got with keep-alive agents shared by every job. Bodies are never decoded
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

  /** Starts a GET and resolves once the response headers are in (the body is not read yet). */
  async open(
    url: string,
    headers: Record<string, string>,
    signal: AbortSignal,
  ): Promise<OpenedResponse> {
    if (signal.aborted) throw signal.reason as Error
    const direct: ChosenAgents = { http: this.httpAgent, https: this.httpsAgent }
    let chosen = await this.chooseAgents(url, direct)
    if (signal.aborted) throw signal.reason as Error
    const explain = (error: unknown): AppError =>
      chosen.explainFailure?.(error) ?? toNetworkError(error)
    const stream = got.stream(url, {
      headers: { 'user-agent': this.options.userAgent, ...headers, 'accept-encoding': 'identity' },
      decompress: false,
      throwHttpErrors: false,
      followRedirect: true,
      retry: { limit: 0 },
      agent: { http: chosen.http, https: chosen.https },
      hooks: {
        // A redirect to another host may take another route (a proxy's bypass list, PAC).
        beforeRedirect: [
          async (options) => {
            chosen = await this.chooseAgents(String(options.url), direct)
            options.agent = { http: chosen.http, https: chosen.https }
          },
        ],
      },
      timeout: {
        connect: this.options.connectTimeoutMs,
        secureConnect: this.options.connectTimeoutMs,
        response: this.options.responseTimeoutMs,
      },
    })
    return new Promise<OpenedResponse>((resolve, reject) => {
      const onAbort = (): void => {
        stream.destroy(signal.reason as Error)
        reject(signal.reason as Error)
      }
      signal.addEventListener('abort', onAbort, { once: true })
      stream.once('response', (response: http.IncomingMessage & { url?: string }) => {
        signal.removeEventListener('abort', onAbort)
        stream.off('error', onError)
        resolve({
          head: { status: response.statusCode ?? 0, headers: response.headers },
          url: response.url ?? url,
          body: stream,
          destroy: (error) => stream.destroy(error),
        })
      })
      const onError = (error: Error): void => {
        signal.removeEventListener('abort', onAbort)
        reject(explain(error))
      }
      stream.once('error', onError)
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
