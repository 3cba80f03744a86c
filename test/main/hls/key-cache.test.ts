import { describe, expect, it } from 'vitest'
import { AppError } from '../../../src/shared/errors'
import type { Clock } from '../../../src/main/common/clock'
import { KeyCache, keyFromBody } from '../../../src/main/hls/key-cache'

/** A clock whose sleeps return at once: retries are counted, never waited for. */
const instantClock: Clock = { now: () => 0, sleep: () => Promise.resolve() }

function cache(fetch: (url: string) => Promise<Buffer>, attempts = 3): KeyCache {
  return new KeyCache({
    fetch,
    clock: instantClock,
    attempts,
    retryBaseMs: 1,
    signal: new AbortController().signal,
  })
}

const key = Buffer.alloc(16, 7)

describe('KeyCache', () => {
  it('shares one fetch among concurrent callers of the same URI', async () => {
    let fetches = 0
    const keys = cache(async () => {
      fetches += 1
      await Promise.resolve()
      return key
    })
    const results = await Promise.all([keys.get('u'), keys.get('u'), keys.get('u')])
    expect(results.every((result) => result.equals(key))).toBe(true)
    expect(fetches).toBe(1)
    await keys.get('other')
    expect(fetches).toBe(2)
  })

  it('retries temporary failures', async () => {
    let fetches = 0
    const keys = cache(() => {
      fetches += 1
      return fetches < 3
        ? Promise.reject(new AppError('NetworkError', 'ECONNRESET'))
        : Promise.resolve(key)
    })
    expect((await keys.get('u')).equals(key)).toBe(true)
    expect(fetches).toBe(3)
  })

  it('gives up as KeyUnavailable, at once on a refusal, and asks again next time', async () => {
    let fetches = 0
    const keys = cache(() => {
      fetches += 1
      return Promise.reject(new AppError('KeyUnavailable', 'HTTP 403'))
    })
    await expect(keys.get('u')).rejects.toMatchObject({ code: 'KeyUnavailable' })
    expect(fetches).toBe(1)
    await expect(keys.get('u')).rejects.toMatchObject({ code: 'KeyUnavailable' })
    expect(fetches).toBe(2)
    const flaky = cache(() => Promise.reject(new AppError('ServerError', 'HTTP 502')), 2)
    await expect(flaky.get('u')).rejects.toMatchObject({
      code: 'KeyUnavailable',
      detail: 'HTTP 502',
    })
  })
})

describe('keyFromBody', () => {
  it('accepts 16 raw bytes or their base64, nothing else', () => {
    expect(keyFromBody(key)).toBe(key)
    expect(keyFromBody(Buffer.from(`${key.toString('base64')}\n`)).equals(key)).toBe(true)
    expect(() => keyFromBody(Buffer.from('<html>denied</html>'))).toThrow(/not a 16-byte key/)
  })
})
