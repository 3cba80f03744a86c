import { randomBytes } from 'node:crypto'
import { ApiError } from '../api/errors'

/**
 * SearchMedia's ScrollToken: an opaque 32-character cursor into one query's ordered results.
 * Each page returns a fresh token; earlier tokens stay valid until they expire, so a client may
 * retry a page (after a throttling error, say) with the same token. A token expires a fixed
 * time after it was issued (the service's own lifetime is not documented; 30 minutes by
 * default) and is then refused with `InvalidScrollToken.Expired`, HTTP 400.
 */

export interface ScrollCursor {
  /** Identifies the query (SearchType, Match, SortBy) the token belongs to. */
  query: string
  /** Index of the next result to return. */
  offset: number
}

/** Emulator time after which a token is refused as expired, unless an option says otherwise. */
export const scrollTokenLifetimeMs = 30 * 60 * 1000

export class ScrollTokenStore {
  private readonly tokens = new Map<string, ScrollCursor & { issuedAt: number }>()

  constructor(
    private readonly now: () => number,
    private readonly lifetimeMs: number = scrollTokenLifetimeMs,
  ) {}

  issue(cursor: ScrollCursor): string {
    this.forgetExpired()
    const token = randomBytes(16).toString('hex')
    this.tokens.set(token, { ...cursor, issuedAt: this.now() })
    return token
  }

  /** The cursor for `token`, or the error SearchMedia answers with. */
  resolve(token: string, query: string): ScrollCursor {
    const entry = this.tokens.get(token)
    if (!entry) {
      throw new ApiError(
        'InvalidParameter',
        400,
        `The specified parameter "ScrollToken" is not valid.`,
      )
    }
    if (this.now() - entry.issuedAt > this.lifetimeMs) {
      throw new ApiError(
        'InvalidScrollToken.Expired',
        400,
        'The ScrollToken is expired, please refresh it.',
      )
    }
    if (entry.query !== query) {
      throw new ApiError(
        'InvalidParameter',
        400,
        'The specified parameter "ScrollToken" does not belong to this SearchType, Match and SortBy.',
      )
    }
    return { query: entry.query, offset: entry.offset }
  }

  private forgetExpired(): void {
    // Expired tokens are kept a while longer, so a late one still gets the expiry error.
    const cutoff = this.now() - Math.max(2 * this.lifetimeMs, scrollTokenLifetimeMs)
    for (const [token, entry] of this.tokens) {
      if (entry.issuedAt >= cutoff) break
      this.tokens.delete(token)
    }
  }
}
