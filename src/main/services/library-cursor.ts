import { createHash } from 'node:crypto'
import { z } from 'zod'
import type { MediaType } from '../../shared/contract'
import { AppError } from '../../shared/errors'
import { searchResultWindow } from '../vod/actions/search-media'

/**
 * The library's paging cursor. SearchMedia pages by PageNo for the first 5,000 results and only
 * by ScrollToken beyond (video and audio; images end there). The renderer gets one opaque string
 * and never learns which of the two is in play.
 */

/** Where the next page starts. */
export interface PagePosition {
  pageNo: number
  /** The token of the page before; needed once the page lies past the 5,000-result window. */
  scrollToken?: string
}

/** The search a cursor belongs to, so a cursor is never replayed against another query. */
export interface SearchIdentity {
  mediaType: MediaType
  match: string | undefined
  sortBy: string
  pageSize: number
}

const cursorSchema = z.strictObject({
  v: z.literal(1),
  q: z.string(),
  p: z.int().min(1),
  t: z.string().min(1).optional(),
})

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
    v: 1,
    q: searchFingerprint(identity),
    p: position.pageNo,
  }
  if (position.scrollToken !== undefined) body.t = position.scrollToken
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
  return body.data.t === undefined
    ? { pageNo: body.data.p }
    : { pageNo: body.data.p, scrollToken: body.data.t }
}

/** True when a page can only be reached with a ScrollToken. */
export function needsScrollToken(pageNo: number, pageSize: number): boolean {
  return pageNo * pageSize > searchResultWindow
}

/** What one answered page tells about the next. */
export interface AnsweredPage {
  position: PagePosition
  pageSize: number
  mediaType: MediaType
  itemCount: number
  total: number | undefined
  scrollToken: string | undefined
}

/** Where the next page starts, or null when this page was the last one reachable. */
export function nextPosition(page: AnsweredPage): PagePosition | null {
  if (page.itemCount < page.pageSize) return null
  const delivered = (page.position.pageNo - 1) * page.pageSize + page.itemCount
  if (page.total !== undefined && delivered >= page.total) return null
  const pageNo = page.position.pageNo + 1
  const scrollable = page.mediaType !== 'image'
  const scrollToken = scrollable ? (page.scrollToken ?? page.position.scrollToken) : undefined
  if (needsScrollToken(pageNo, page.pageSize) && scrollToken === undefined) return null
  return scrollToken === undefined ? { pageNo } : { pageNo, scrollToken }
}
