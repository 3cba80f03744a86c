import type { LibrarySortOrder, MediaStatus } from '../../shared/contract'
import { categoryMatch } from '../vod/category-tree'

/**
 * SearchMedia's `Match` and `SortBy` built from the library filters. Pure, because the Match
 * language is where user text meets a query language: everything typed by a user is quoted here
 * and nowhere else.
 */

export interface LibraryFilters {
  title?: string
  status?: MediaStatus
  categoryId?: number
  /**
   * The category and the categories below it (see `CategoryDirectory.withDescendants`); wins
   * over `categoryId`, which then only names the one category.
   */
  categoryIds?: readonly number[]
  /** ISO 8601 instants, both inclusive. */
  createdFrom?: string
  createdTo?: string
}

/**
 * Characters that cannot appear inside a quoted Match value: the Match language documents no
 * escape sequence, so a quote would end the string and the rest would be read as syntax.
 */
const unquotableCharacters = /['"\\]/

/**
 * The pieces of a title search that can be quoted. A title containing quotes (`What's next`)
 * is searched as its pieces (`What`, `s next`), each a fuzzy match: every title that contains
 * the typed text still matches, and no input can change the expression's structure.
 */
export function titleFragments(title: string): string[] {
  return title
    .split(unquotableCharacters)
    .map((fragment) => fragment.trim())
    .filter((fragment) => fragment !== '')
}

/**
 * A time bound as VOD writes times (`2026-01-31T16:00:00Z`, whole seconds, UTC). The lower bound
 * is rounded down and the upper bound up, so a sub-second bound widens the range by less than a
 * second instead of dropping an item that sits on it.
 */
export function matchTime(instant: string, rounding: 'down' | 'up'): string {
  const milliseconds = Date.parse(instant)
  if (Number.isNaN(milliseconds)) throw new RangeError(`not an ISO 8601 instant: ${instant}`)
  const seconds =
    rounding === 'down' ? Math.floor(milliseconds / 1000) : Math.ceil(milliseconds / 1000)
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z')
}

/** The Match expression for the filters, or undefined when nothing filters. */
export function buildMatchExpression(filters: LibraryFilters): string | undefined {
  const conditions: string[] = []
  for (const fragment of titleFragments(filters.title ?? '')) {
    conditions.push(`Title = '${fragment}'`)
  }
  if (filters.status !== undefined) conditions.push(`Status = '${filters.status}'`)
  const categories =
    filters.categoryIds ?? (filters.categoryId === undefined ? [] : [filters.categoryId])
  const categoryCondition = categoryMatch(categories)
  if (categoryCondition !== undefined) conditions.push(categoryCondition)
  if (filters.createdFrom !== undefined || filters.createdTo !== undefined) {
    const lower =
      filters.createdFrom === undefined ? '' : `'${matchTime(filters.createdFrom, 'down')}'`
    const upper = filters.createdTo === undefined ? '' : `'${matchTime(filters.createdTo, 'up')}'`
    // Brackets are inclusive; an empty side is an open bound.
    conditions.push(`CreationTime = [${lower},${upper}]`)
  }
  return conditions.length > 0 ? conditions.join(' and ') : undefined
}

/** SearchMedia's SortBy for a library sort order (one field: ScrollToken traversal allows no more). */
export function sortByOf(sort: LibrarySortOrder): string {
  switch (sort) {
    case 'created-desc':
      return 'CreationTime:Desc'
    case 'created-asc':
      return 'CreationTime:Asc'
    case 'modified-desc':
      return 'ModificationTime:Desc'
    case 'modified-asc':
      return 'ModificationTime:Asc'
  }
}
