import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningEmulator } from '../../src/emulator/index'
import { startEmulator } from '../../src/emulator/index'
import type { Body, TeaError } from './helpers'
import { popCall, popClient } from './helpers'

/** Traversing more than the 5,000 results PageNo can reach, with SearchMedia's ScrollToken. */

let emulator: RunningEmulator

beforeAll(async () => {
  emulator = await startEmulator({ extraVideos: 6000, largeSourceBytes: 1024 })
})

afterAll(async () => {
  await emulator.close()
})

describe('SearchMedia over more than 5,000 videos', () => {
  it('refuses PageNo beyond the first 5,000 results', async () => {
    const client = popClient(emulator)
    const last = await popCall(client, 'SearchMedia', { PageNo: 50, PageSize: 100 })
    expect(last.MediaList).toHaveLength(100)
    const error: unknown = await popCall(client, 'SearchMedia', { PageNo: 51, PageSize: 100 }).then(
      () => undefined,
      (rejection: unknown) => rejection,
    )
    expect((error as TeaError).code).toBe('InvalidParameter')
    const list = await popCall(client, 'GetVideoList', { PageNo: 51, PageSize: 100 }).then(
      () => undefined,
      (rejection: unknown) => rejection,
    )
    expect((list as TeaError).code).toBe('VideoListExceededMax')
  })

  it('walks every video exactly once with ScrollToken', async () => {
    const client = popClient(emulator)
    const expected = emulator.library.videos.length
    expect(expected).toBeGreaterThan(6000)
    const seen = new Set<string>()
    let token: string | undefined
    let previousTime = Number.POSITIVE_INFINITY
    for (let page = 1; page <= 100; page++) {
      const body: Body = await popCall(client, 'SearchMedia', {
        SearchType: 'video',
        PageSize: 100,
        PageNo: page,
        ...(token ? { ScrollToken: token } : {}),
      })
      expect(body.Total).toBe(expected)
      const items = body.MediaList as Body[]
      for (const item of items) {
        const time = Date.parse(String(item.CreationTime))
        expect(time).toBeLessThanOrEqual(previousTime)
        previousTime = time
        seen.add(String(item.MediaId))
      }
      if (items.length < 100) break
      token = String(body.ScrollToken)
      expect(token).toMatch(/^[0-9a-f]{32}$/)
    }
    expect(seen.size).toBe(expected)
  })

  it('lets a page be retried with the same token', async () => {
    const client = popClient(emulator)
    const first = await popCall(client, 'SearchMedia', { PageSize: 20 })
    const token = String(first.ScrollToken)
    const again = await popCall(client, 'SearchMedia', { PageSize: 20, ScrollToken: token })
    const retry = await popCall(client, 'SearchMedia', { PageSize: 20, ScrollToken: token })
    expect(retry.MediaList).toEqual(again.MediaList)
    const firstIds = (first.MediaList as Body[]).map((item) => item.MediaId)
    expect((again.MediaList as Body[]).map((item) => item.MediaId)).not.toContain(firstIds[0])
  })

  it('rejects a token used with another query', async () => {
    const client = popClient(emulator)
    const first = await popCall(client, 'SearchMedia', { PageSize: 20 })
    const error: unknown = await popCall(client, 'SearchMedia', {
      PageSize: 20,
      ScrollToken: String(first.ScrollToken),
      Match: "Title = 'x'",
    }).then(
      () => undefined,
      (rejection: unknown) => rejection,
    )
    expect((error as TeaError).code).toBe('InvalidParameter')
  })
})

describe('ScrollToken lifetime', () => {
  it('refuses a token older than its lifetime with InvalidScrollToken.Expired, HTTP 400', async () => {
    const shortLived = await startEmulator({
      scrollTokenLifetimeSeconds: 1,
      largeSourceBytes: 1024,
    })
    try {
      const client = popClient(shortLived)
      const first = await popCall(client, 'SearchMedia', { PageSize: 10 })
      const token = String(first.ScrollToken)
      await popCall(client, 'SearchMedia', { PageSize: 10, ScrollToken: token })
      await new Promise((resolve) => setTimeout(resolve, 1_200))
      const error: unknown = await popCall(client, 'SearchMedia', {
        PageSize: 10,
        ScrollToken: token,
      }).then(
        () => undefined,
        (rejection: unknown) => rejection,
      )
      expect((error as TeaError).code).toBe('InvalidScrollToken.Expired')
      const entry = shortLived.log.filter((logged) => logged.action === 'SearchMedia').at(-1)
      expect(entry?.status).toBe(400)
    } finally {
      await shortLived.close()
    }
  })

  it('compares creation times to the second, as the service keeps them', async () => {
    const client = popClient(emulator)
    const newest = await popCall(client, 'SearchMedia', { PageSize: 1 })
    const item = (newest.MediaList as Body[])[0] as Body
    const at = String(item.CreationTime)
    const bounded = await popCall(client, 'SearchMedia', {
      PageSize: 5,
      Match: `CreationTime = [,'${at}']`,
    })
    expect((bounded.MediaList as Body[]).map((entry) => entry.MediaId)).toContain(item.MediaId)
  })
})
