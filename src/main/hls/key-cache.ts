import { AppError, transientErrorCodes } from '../../shared/errors'
import { backoffDelay } from '../common/backoff'
import type { Clock } from '../common/clock'
import type { HttpClient } from '../engine/http-client'
import { toNetworkError } from '../engine/http-client'
import { aesBlockBytes } from './aes-decrypt'
import { tokenParameter } from './key-policy'

/** Fetches the raw 16-byte key behind a key URL. */
export type KeyFetcher = (url: string, signal: AbortSignal) => Promise<Buffer>

export interface KeyCacheOptions {
  fetch: KeyFetcher
  clock: Clock
  /** Tries per key before giving up (temporary failures only). */
  attempts: number
  retryBaseMs: number
  signal: AbortSignal
}

/**
 * AES-128 keys by URL for one attempt at a job: fetched once, shared by every segment (and every
 * concurrent caller of the same URL), retried on temporary failures. A key that cannot be had
 * ends as `KeyUnavailable`, and is asked for again by the next caller rather than cached.
 */
export class KeyCache {
  private readonly keys = new Map<string, Promise<Buffer>>()

  constructor(private readonly options: KeyCacheOptions) {}

  get(url: string): Promise<Buffer> {
    let key = this.keys.get(url)
    if (!key) {
      key = this.fetchWithRetries(url)
      this.keys.set(url, key)
      void key.catch(() => this.keys.delete(url))
    }
    return key
  }

  private async fetchWithRetries(url: string): Promise<Buffer> {
    const { fetch, clock, attempts, retryBaseMs, signal } = this.options
    for (let attempt = 1; ; attempt++) {
      try {
        return await fetch(url, signal)
      } catch (error) {
        if (signal.aborted) throw signal.reason
        const appError = error instanceof AppError ? error : toNetworkError(error)
        if (appError.code === 'KeyUnavailable' || appError.code === 'InsecureKey') throw appError
        if (!transientErrorCodes.has(appError.code) || attempt >= attempts) {
          throw new AppError('KeyUnavailable', appError.detail ?? appError.message, {
            cause: appError,
          })
        }
        await clock.sleep(backoffDelay(attempt, { baseMs: retryBaseMs, maxMs: 15_000 }), signal)
      }
    }
  }
}

/** Most a key response may be: a key is 16 bytes, anything much larger is not a key. */
const keyResponseLimit = 1024

/**
 * Fetches keys over the engine's HTTP client. The decrypt service answers the 16-byte key; a
 * base64 text of it is accepted too. A refusal (a wrong or missing token) is final; server errors
 * and network failures are temporary.
 */
export function httpKeyFetcher(http: HttpClient, headers: Record<string, string>): KeyFetcher {
  return async (url, signal) => {
    const response = await http.open(url, headers, signal)
    if (new URL(url).protocol === 'https:' && new URL(response.url).protocol === 'http:') {
      response.destroy()
      throw new AppError('InsecureKey', `the key service redirected to ${new URL(response.url).host}`)
    }
    const status = response.head.status
    const body = await readSmallBody(response.body, keyResponseLimit).finally(() =>
      response.destroy(),
    )
    if (status >= 500) throw new AppError('ServerError', `key service: HTTP ${status}`)
    if (status === 429) throw new AppError('Throttled', 'key service: HTTP 429')
    if (status !== 200) {
      // The reason is short plain text from the key service (never the key); a service that
      // echoes the token must not put it into the job's error.
      const token = new URL(url).searchParams.get(tokenParameter)
      let reason = body.toString('utf8').replace(/\s+/g, ' ').trim()
      if (token) reason = reason.split(token).join('…')
      reason = reason.slice(0, 120)
      throw new AppError(
        'KeyUnavailable',
        `the key service answered HTTP ${status}${reason ? `: ${reason}` : ''}`,
      )
    }
    return keyFromBody(body)
  }
}

/** The key in a key response: 16 raw bytes, or their base64 text. */
export function keyFromBody(body: Buffer): Buffer {
  if (body.length === aesBlockBytes) return body
  const text = body.toString('latin1').trim()
  if (/^[A-Za-z0-9+/]{22}==$/.test(text)) return Buffer.from(text, 'base64')
  throw new AppError(
    'KeyUnavailable',
    `the key service sent ${body.length} bytes, not a 16-byte key`,
  )
}

async function readSmallBody(body: AsyncIterable<unknown>, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of body) {
    const buffer = chunk as Buffer
    chunks.push(buffer)
    size += buffer.length
    if (size > limit) break
  }
  return Buffer.concat(chunks)
}
