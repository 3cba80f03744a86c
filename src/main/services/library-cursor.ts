import { createHash } from 'node:crypto'
import { z } from 'zod'
import type { MediaType } from '../../shared/contract'
import { AppError } from '../../shared/errors'
import { searchResultWindow } from '../vod/actions/search-media'
import { resumeBound, type KeysetBound } from '../vod/search-keyset'

/**
 * The library's paging cursor. SearchMedia pages by PageNo for the first 5,000 results; beyond,
 * video and audio follow the ScrollToken, and images (which have none) resume from the last
 * item shown: the sort field bounded at its value, the items of that second already shown
 * skipped. A ScrollToken that expired while the user was away resumes the same way, so a
 * cursor never goes stale. The renderer gets one opaque string and never learns which is in
 * play.
 */

/** A resumed search: bounded at `at`, skipping `seen`, after `before` items shown. */
export interface ResumePoint extends KeysetBound {
  /** Items shown before the resumed search that it does not return again. */
  before: number
}

/** Where the next page starts. */
export interface PagePosition {
  /** Within the current search (the resumed one, when `bound` is set). */
  pageNo: number
  /** The token of the page before; sent once the page lies past the 5,000-result window. */
  scrollToken?: string
  bound?: ResumePoint
  /** The last item shown and the others of its second, where a resumed search starts. */
  tail?: KeysetBound
  /** Items shown before this page. */
  given: number
}

/** The search a cursor belongs to, so a cursor is never replayed against another query. */
export interface SearchIdentity {
  mediaType: MediaType
  match: string | undefined
  sortBy: string
  pageSize: number
}

export const firstPosition: PagePosition = { pageNo: 1, given: 0 }

const keysetSchema = z.strictObject({ a: z.string().min(1).max(64), s: z.array(z.string()) })

const cursorSchema = z.strictObject({
  v: z.literal(2),
  q: z.string(),
  p: z.int().min(1),
  g: z.int().min(0),
  t: z.string().min(1).optional(),
  b: keysetSchema.extend({ n: z.int().min(0) }).optional(),
  l: keysetSchema.optional(),
})

/**
 * The short key a cursor keeps for an item it has shown: a media id is 32 characters, and a
 * second can hold many items. 60 bits of a hash cannot collide among the items of one second.
 */
export function seenKey(mediaId: string): string {
  return createHash('sha256').update(mediaId).digest('base64url').slice(0, 10)
}

/** A short fingerprint of the search; a cursor carries it instead of the query itself. */
export function searchFingerprint(identity: SearchIdentity): string {
  return createHash('sha256')
    .update(
      JSON.stringify([
        identity.mediaType,
        identity.match ?? '',
        identity.sortBy,
        identity.pageSize,
      ]),
    )
    .digest('base64url')
    .slice(0, 16)
}

/** The opaque cursor for the page at `position` of this search. */
export function encodeCursor(identity: SearchIdentity, position: PagePosition): string {
  const body: z.infer<typeof cursorSchema> = {
    v: 2,
    q: searchFingerprint(identity),
    p: position.pageNo,
    g: position.given,
  }
  if (position.scrollToken !== undefined) body.t = position.scrollToken
  if (position.bound) {
    body.b = { a: position.bound.at, s: position.bound.seen, n: position.bound.before }
  }
  if (position.tail) body.l = { a: position.tail.at, s: position.tail.seen }
  return Buffer.from(JSON.stringify(body), 'utf8').toString('base64url')
}

/** Reads a cursor back; `InvalidInput` when it is damaged or belongs to another search. */
export function decodeCursor(cursor: string, identity: SearchIdentity): PagePosition {
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown
  } catch {
    throw new AppError('InvalidInput', 'the page cursor is damaged')
  }
  const body = cursorSchema.safeParse(parsed)
  if (!body.success) throw new AppError('InvalidInput', 'the page cursor is damaged')
  if (body.data.q !== searchFingerprint(identity)) {
    throw new AppError('InvalidInput', 'the page cursor belongs to another search')
  }
  const { p, g, t, b, l } = body.data
  const position: PagePosition = { pageNo: p, given: g }
  if (t !== undefined) position.scrollToken = t
  if (b) position.bound = { at: b.a, seen: b.s, before: b.n }
  if (l) position.tail = { at: l.a, seen: l.s }
  return position
}

/** True when a page can only be reached with a ScrollToken. */
export function needsScrollToken(pageNo: number, pageSize: number): boolean {
  return pageNo * pageSize > searchResultWindow
}

/**
 * The search resumed from the tail (after a refused ScrollToken, or at the end of a window
 * without one); `SearchWindowFull` when it would not move past the previous bound.
 */
export function resumedPosition(position: PagePosition): PagePosition | null {
  const bound = resumeBound(position.tail, position.bound)
  if (!bound) return null
  return {
    pageNo: 1,
    bound: { ...bound, before: position.given - bound.seen.length },
    ...(position.tail ? { tail: position.tail } : {}),
    given: position.given,
  }
}

/** What one answered page tells about the next. */
export interface AnsweredPage {
  position: PagePosition
  pageSize: number
  mediaType: MediaType
  /** Items the service returned, before the already-shown ones were skipped. */
  itemCount: number
  total: number | undefined
  scrollToken: string | undefined
  /** The tail after this page. */
  tail: KeysetBound | undefined
  /** Items shown up to the end of this page. */
  given: number
}

/** Where the next page starts, or null when this page was the last one. */
export function nextPosition(page: AnsweredPage): PagePosition | null {
  if (page.itemCount < page.pageSize) return null
  if (page.total !== undefined && page.position.pageNo * page.pageSize >= page.total) return null
  const pageNo = page.position.pageNo + 1
  const scrollable = page.mediaType !== 'image'
  const scrollToken = scrollable ? (page.scrollToken ?? page.position.scrollToken) : undefined
  const carried = {
    ...(page.position.bound ? { bound: page.position.bound } : {}),
    ...(page.tail ? { tail: page.tail } : {}),
    given: page.given,
  }
  if (needsScrollToken(pageNo, page.pageSize) && scrollToken === undefined) {
    // Images have no ScrollToken: the next window starts after the last item shown.
    return resumedPosition({ pageNo, ...carried })
  }
  return scrollToken === undefined ? { pageNo, ...carried } : { pageNo, scrollToken, ...carried }
}
