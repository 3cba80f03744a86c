import { describe, expect, it } from 'vitest'
import {
  decodeCursor,
  encodeCursor,
  needsScrollToken,
  nextPosition,
  type SearchIdentity,
} from '../../../src/main/services/library-cursor'

const identity: SearchIdentity = {
  mediaType: 'video',
  match: "Title = 'a'",
  sortBy: 'CreationTime:Desc',
  pageSize: 100,
}

describe('library cursor', () => {
  it('round-trips a position and hides it in an opaque string', () => {
    const cursor = encodeCursor(identity, { pageNo: 51, scrollToken: 'token-50' })
    expect(cursor).not.toContain('token-50')
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/)
    expect(decodeCursor(cursor, identity)).toEqual({ pageNo: 51, scrollToken: 'token-50' })
    expect(decodeCursor(encodeCursor(identity, { pageNo: 2 }), identity)).toEqual({ pageNo: 2 })
  })

  it('refuses a damaged cursor or one from another search', () => {
    expect(() => decodeCursor('not-a-cursor', identity)).toThrow(/damaged/)
    const cursor = encodeCursor(identity, { pageNo: 2 })
    expect(() => decodeCursor(cursor, { ...identity, match: undefined })).toThrow(/another search/)
    expect(() => decodeCursor(cursor, { ...identity, pageSize: 50 })).toThrow(/another search/)
  })

  it('pages by number inside the 5,000-result window and by token past it', () => {
    expect(needsScrollToken(50, 100)).toBe(false)
    expect(needsScrollToken(51, 100)).toBe(true)
    expect(needsScrollToken(167, 30)).toBe(true)
    const page = { pageSize: 100, mediaType: 'video' as const, itemCount: 100, total: 6000 }
    expect(nextPosition({ ...page, position: { pageNo: 1 }, scrollToken: 't1' })).toEqual({
      pageNo: 2,
      scrollToken: 't1',
    })
    expect(
      nextPosition({ ...page, position: { pageNo: 50, scrollToken: 't49' }, scrollToken: 't50' }),
    ).toEqual({ pageNo: 51, scrollToken: 't50' })
  })

  it('ends at a short page, at the total, and for images at the window', () => {
    const page = { pageSize: 100, mediaType: 'video' as const, total: 6000, scrollToken: 't' }
    expect(nextPosition({ ...page, position: { pageNo: 3 }, itemCount: 99 })).toBeNull()
    expect(nextPosition({ ...page, position: { pageNo: 60 }, itemCount: 100 })).toBeNull()
    const image = { ...page, mediaType: 'image' as const, itemCount: 100, scrollToken: undefined }
    expect(nextPosition({ ...image, position: { pageNo: 49 } })).toEqual({ pageNo: 50 })
    expect(nextPosition({ ...image, position: { pageNo: 50 } })).toBeNull()
    // A video page past the window without any token has nowhere to go.
    expect(
      nextPosition({ ...page, position: { pageNo: 50 }, itemCount: 100, scrollToken: undefined }),
    ).toBeNull()
  })
})
