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
}

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
  private readonly options: Required<HttpClientOptions>

  constructor(options: HttpClientOptions = {}) {
    this.options = {
      userAgent: options.userAgent ?? 'VOD-Downloader/0.1',
      connectTimeoutMs: options.connectTimeoutMs ?? 15_000,
      responseTimeoutMs: options.responseTimeoutMs ?? 30_000,
      maxSocketsPerHost: options.maxSocketsPerHost ?? 64,
    }
    const agentOptions = {
      keepAlive: true,
      maxSockets: this.options.maxSocketsPerHost,
      scheduling: 'lifo' as const,
    }
    this.httpAgent = new http.Agent(agentOptions)
    this.httpsAgent = new https.Agent(agentOptions)
  }

  /** Starts a GET and resolves once the response headers are in (the body is not read yet). */
  open(url: string, headers: Record<string, string>, signal: AbortSignal): Promise<OpenedResponse> {
    if (signal.aborted) return Promise.reject(signal.reason as Error)
    const stream = got.stream(url, {
      headers: { 'user-agent': this.options.userAgent, ...headers, 'accept-encoding': 'identity' },
      decompress: false,
      throwHttpErrors: false,
      followRedirect: true,
      retry: { limit: 0 },
      agent: { http: this.httpAgent, https: this.httpsAgent },
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
        reject(toNetworkError(error))
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
