import { describe, expect, it } from 'vitest'
import {
  decodeCursor,
  encodeCursor,
  needsScrollToken,
  nextPosition,
  resumedPosition,
  type AnsweredPage,
  type SearchIdentity,
} from '../../../src/main/services/library-cursor'

const identity: SearchIdentity = {
  mediaType: 'video',
  match: "Title = 'a'",
  sortBy: 'CreationTime:Desc',
  pageSize: 100,
}

const tail = { at: '2025-03-01T10:00:00Z', seen: ['k1', 'k2'] }

describe('library cursor', () => {
  it('round-trips a position and hides it in an opaque string', () => {
    const position = {
      pageNo: 51,
      scrollToken: 'token-50',
      given: 5000,
      tail,
      bound: { at: '2025-04-01T10:00:00Z', seen: ['k0'], before: 10 },
    }
    const cursor = encodeCursor(identity, position)
    expect(cursor).not.toContain('token-50')
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/)
    expect(decodeCursor(cursor, identity)).toEqual(position)
    expect(decodeCursor(encodeCursor(identity, { pageNo: 2, given: 100 }), identity)).toEqual({
      pageNo: 2,
      given: 100,
    })
  })

  it('refuses a damaged cursor or one from another search', () => {
    expect(() => decodeCursor('not-a-cursor', identity)).toThrow(/damaged/)
    const cursor = encodeCursor(identity, { pageNo: 2, given: 100 })
    expect(() => decodeCursor(cursor, { ...identity, match: undefined })).toThrow(/another search/)
    expect(() => decodeCursor(cursor, { ...identity, pageSize: 50 })).toThrow(/another search/)
  })

  it('pages by number inside the 5,000-result window and by token past it', () => {
    expect(needsScrollToken(50, 100)).toBe(false)
    expect(needsScrollToken(51, 100)).toBe(true)
    expect(needsScrollToken(167, 30)).toBe(true)
    const page = { pageSize: 100, mediaType: 'video' as const, itemCount: 100, total: 6000, tail }
    expect(
      nextPosition({ ...page, position: { pageNo: 1, given: 0 }, scrollToken: 't1', given: 100 }),
    ).toEqual({ pageNo: 2, scrollToken: 't1', tail, given: 100 })
    expect(
      nextPosition({
        ...page,
        position: { pageNo: 50, scrollToken: 't49', given: 4900 },
        scrollToken: 't50',
        given: 5000,
      }),
    ).toEqual({ pageNo: 51, scrollToken: 't50', tail, given: 5000 })
  })

  it('ends at a short page and at the total', () => {
    const page = {
      pageSize: 100,
      mediaType: 'video' as const,
      total: 6000,
      scrollToken: 't',
      tail,
      given: 0,
    }
    expect(nextPosition({ ...page, position: { pageNo: 3, given: 200 }, itemCount: 99 })).toBeNull()
    expect(
      nextPosition({ ...page, position: { pageNo: 60, given: 5900 }, itemCount: 100 }),
    ).toBeNull()
  })

  it('starts the next window of an image search after the last image shown', () => {
    const image: AnsweredPage = {
      pageSize: 100,
      mediaType: 'image',
      itemCount: 100,
      total: 9000,
      scrollToken: undefined,
      tail,
      given: 5000,
      position: { pageNo: 50, given: 4900 },
    }
    expect(nextPosition({ ...image, position: { pageNo: 49, given: 4800 }, given: 4900 })).toEqual({
      pageNo: 50,
      tail,
      given: 4900,
    })
    expect(nextPosition(image)).toEqual({
      pageNo: 1,
      bound: { ...tail, before: 4998 },
      tail,
      given: 5000,
    })
  })

  it('refuses to resume at the same second twice (more than a window of items in it)', () => {
    expect(() =>
      resumedPosition({ pageNo: 51, given: 10_000, tail, bound: { ...tail, before: 4998 } }),
    ).toThrow(expect.objectContaining({ code: 'SearchWindowFull' }))
    expect(resumedPosition({ pageNo: 2, given: 0 })).toBeNull()
  })
})
