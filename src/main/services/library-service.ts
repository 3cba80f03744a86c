import type {
  Category,
  DomainHandlers,
  LibrarySearchResult,
  ParsedRequestInput,
} from '../../shared/contract'
import type { SearchMediaPage } from '../vod/actions/search-media'
import type { VodClient } from '../vod/client'
import {
  advanceTail,
  alreadyGiven,
  boundedMatch,
  fieldsWithSortValue,
  isStaleScrollToken,
  sortOrderOf,
} from '../vod/search-keyset'
import {
  decodeCursor,
  encodeCursor,
  firstPosition,
  needsScrollToken,
  nextPosition,
  resumedPosition,
  seenKey,
  type PagePosition,
  type SearchIdentity,
} from './library-cursor'
import { buildMatchExpression, sortByOf } from './library-match'
import { CategoryDirectory } from './library-categories'
import { mediaSummaryOf, summaryFields } from './media-summary'

/** The VOD client and a clock for the category cache. */
export interface LibraryServiceDependencies {
  client: VodClient
  now: () => number
  /**
   * Names the account in use; cached categories belong to one account and are dropped when
   * it changes.
   */
  accountScope: () => string
  /** How long the category tree is reused; default one minute. */
  categoryCacheMs?: number
}

type SearchInput = ParsedRequestInput<'library.search'>

/**
 * The library: SearchMedia behind the contract's filters, sort orders and opaque cursor.
 * Categories come from the category API (GetCategories, the whole tree), and filtering by a
 * category includes the categories below it.
 */
export class LibraryService {
  private readonly categoryDirectory: CategoryDirectory

  constructor(private readonly dependencies: LibraryServiceDependencies) {
    this.categoryDirectory = new CategoryDirectory({
      client: dependencies.client,
      now: dependencies.now,
      accountScope: dependencies.accountScope,
      ...(dependencies.categoryCacheMs === undefined
        ? {}
        : { cacheMs: dependencies.categoryCacheMs }),
    })
  }

  async search(input: SearchInput): Promise<LibrarySearchResult> {
    const categoryIds =
      input.categoryId === undefined
        ? undefined
        : await this.categoryDirectory.withDescendants(input.categoryId)
    const identity: SearchIdentity = {
      mediaType: input.mediaType,
      match: buildMatchExpression({ ...input, ...(categoryIds ? { categoryIds } : {}) }),
      sortBy: sortByOf(input.sort),
      pageSize: input.pageSize,
    }
    const order = sortOrderOf(identity.sortBy)
    let position: PagePosition =
      input.cursor === undefined ? firstPosition : decodeCursor(input.cursor, identity)
    const ask = (at: PagePosition): Promise<SearchMediaPage> =>
      this.dependencies.client.searchMedia({
        searchType: input.mediaType,
        fields: fieldsWithSortValue(summaryFields(input.mediaType), order) ?? [],
        sortBy: identity.sortBy,
        pageNo: at.pageNo,
        pageSize: identity.pageSize,
        ...(at.bound
          ? { match: boundedMatch(identity.match, order, at.bound) }
          : identity.match === undefined
            ? {}
            : { match: identity.match }),
        // Within the window PageNo alone is exact; past it only the token reaches further.
        ...(needsScrollToken(at.pageNo, identity.pageSize) && at.scrollToken
          ? { scrollToken: at.scrollToken }
          : {}),
      })
    let page: SearchMediaPage
    try {
      page = await ask(position)
    } catch (error) {
      // A ScrollToken expires while the user is away: go on after the last item shown.
      const resumed = position.scrollToken ? resumedPosition(position) : null
      if (!resumed || !isStaleScrollToken(error)) throw error
      position = resumed
      page = await ask(position)
    }
    let tail = position.tail
    const items = []
    for (const item of page.items) {
      const keyed = { ...item, mediaId: seenKey(item.mediaId) }
      if (alreadyGiven(keyed, order, position.bound)) continue
      tail = advanceTail(tail, keyed, order)
      items.push(mediaSummaryOf(item, input.mediaType))
    }
    const given = position.given + items.length
    const next = nextPosition({
      position,
      pageSize: identity.pageSize,
      mediaType: input.mediaType,
      itemCount: page.items.length,
      total: page.total,
      scrollToken: page.scrollToken,
      tail,
      given,
    })
    const total =
      page.total === undefined
        ? given
        : position.bound
          ? position.bound.before + page.total
          : page.total
    return {
      items,
      total,
      nextCursor: next === null ? null : encodeCursor(identity, next),
    }
  }

  /** The category tree (the same for video, audio and images), parents before children. */
  categories(): Promise<Category[]> {
    return this.categoryDirectory.tree()
  }
}

/** The `library.*` requests. */
export function libraryHandlers(service: LibraryService): DomainHandlers<'library'> {
  return {
    'library.search': (input) => service.search(input),
    'library.categories': () => service.categories(),
  }
}
