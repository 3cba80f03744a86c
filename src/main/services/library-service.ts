import type {
  Category,
  DomainHandlers,
  LibrarySearchResult,
  MediaType,
  ParsedRequestInput,
} from '../../shared/contract'
import type { VodClient } from '../vod/client'
import {
  decodeCursor,
  encodeCursor,
  needsScrollToken,
  nextPosition,
  type PagePosition,
  type SearchIdentity,
} from './library-cursor'
import { buildMatchExpression, sortByOf } from './library-match'
import { categoriesOf, mediaSummaryOf, summaryFields } from './media-summary'

/** The VOD client and a clock for the category cache. */
export interface LibraryServiceDependencies {
  client: VodClient
  now: () => number
  /**
   * Names the account in use; cached categories belong to one account and are dropped when
   * it changes.
   */
  accountScope: () => string
  /** How long derived categories are reused; default one minute. */
  categoryCacheMs?: number
  /** How many recent items are read to derive categories; default 2,000 (20 calls). */
  categorySampleSize?: number
}

type SearchInput = ParsedRequestInput<'library.search'>

/**
 * The library: SearchMedia behind the contract's filters, sort orders and opaque cursor.
 *
 * Categories: the VOD client has no category call (and the local emulator implements none), so
 * `library.categories` derives them from the most recent media items (CateId and CateName of
 * each) and caches the answer briefly. A category with no recent item is therefore not listed.
 */
export class LibraryService {
  private readonly categoryCache = new Map<string, { at: number; categories: Category[] }>()

  constructor(private readonly dependencies: LibraryServiceDependencies) {}

  async search(input: SearchInput): Promise<LibrarySearchResult> {
    const identity: SearchIdentity = {
      mediaType: input.mediaType,
      match: buildMatchExpression(input),
      sortBy: sortByOf(input.sort),
      pageSize: input.pageSize,
    }
    const position: PagePosition =
      input.cursor === undefined ? { pageNo: 1 } : decodeCursor(input.cursor, identity)
    const page = await this.dependencies.client.searchMedia({
      searchType: input.mediaType,
      fields: summaryFields(input.mediaType),
      sortBy: identity.sortBy,
      pageNo: position.pageNo,
      pageSize: identity.pageSize,
      ...(identity.match === undefined ? {} : { match: identity.match }),
      // Within the window PageNo alone is exact; past it only the token reaches further.
      ...(needsScrollToken(position.pageNo, identity.pageSize) && position.scrollToken
        ? { scrollToken: position.scrollToken }
        : {}),
    })
    const next = nextPosition({
      position,
      pageSize: identity.pageSize,
      mediaType: input.mediaType,
      itemCount: page.items.length,
      total: page.total,
      scrollToken: page.scrollToken,
    })
    return {
      items: page.items.map((item) => mediaSummaryOf(item, input.mediaType)),
      total: page.total ?? (position.pageNo - 1) * identity.pageSize + page.items.length,
      nextCursor: next === null ? null : encodeCursor(identity, next),
    }
  }

  async categories(mediaType: MediaType): Promise<Category[]> {
    const { now, accountScope, client } = this.dependencies
    const key = `${accountScope()}\u0000${mediaType}`
    const cached = this.categoryCache.get(key)
    if (cached && now() - cached.at < (this.dependencies.categoryCacheMs ?? 60_000)) {
      return cached.categories
    }
    const limit = this.dependencies.categorySampleSize ?? 2_000
    const seen: Array<{ cateId?: number; cateName?: string }> = []
    for await (const item of client.searchAll({
      searchType: mediaType,
      fields: ['CateId', 'CateName'],
      sortBy: 'CreationTime:Desc',
    })) {
      seen.push({ cateId: item.cateId, cateName: item.cateName })
      if (seen.length >= limit) break
    }
    const categories = categoriesOf(seen)
    this.categoryCache.set(key, { at: now(), categories })
    return categories
  }
}

/** The `library.*` requests. */
export function libraryHandlers(service: LibraryService): DomainHandlers<'library'> {
  return {
    'library.search': (input) => service.search(input),
    'library.categories': (input) => service.categories(input.mediaType),
  }
}
