import { AppError } from '../../shared/errors'
import { VodServiceError } from './errors'

/**
 * Resuming a SearchMedia traversal from the last item seen ("keyset" paging). SearchMedia pages
 * by PageNo only through its first 5,000 results; beyond, video and audio follow a ScrollToken,
 * which can expire while a long traversal pauses, and images have none at all. Both are solved
 * the same way: search again with the sort field bounded at the last item's value (inclusive,
 * since several items can share one second) and skip the items of that second already given.
 * Pure: no calls here.
 */

/** The two fields SearchMedia sorts by. */
export type SortField = 'CreationTime' | 'ModificationTime'

export interface SortOrder {
  field: SortField
  descending: boolean
}

/** Where a resumed search starts: at the last item's sort value, skipping what was given. */
export interface KeysetBound {
  /** The sort value of the last item given, as VOD writes times (`2026-01-31T16:00:00Z`). */
  at: string
  /** Ids already given whose sort value is exactly `at`. */
  seen: string[]
}

/** An item as far as resuming is concerned. */
export interface KeyedItem {
  mediaId: string
  creationTime?: string | undefined
  modificationTime?: string | undefined
}

/** Reads a one-field SortBy (`CreationTime:Desc`); SearchMedia's default when absent. */
export function sortOrderOf(sortBy: string | undefined): SortOrder {
  const [field = 'CreationTime', direction = 'Desc'] = (sortBy ?? 'CreationTime:Desc')
    .split(':')
    .map((part) => part.trim())
  if (field !== 'CreationTime' && field !== 'ModificationTime') {
    throw new AppError('InvalidInput', `cannot resume a search sorted by ${field}`)
  }
  return { field, descending: direction.toLowerCase() !== 'asc' }
}

/** The fields to ask for so that every item carries its sort value. */
export function fieldsWithSortValue(
  fields: readonly string[] | undefined,
  order: SortOrder,
): string[] | undefined {
  // CreationTime comes with every item; ModificationTime only when asked for.
  if (order.field === 'CreationTime') return fields === undefined ? undefined : [...fields]
  const list = [...(fields ?? [])]
  if (!list.includes('ModificationTime')) list.push('ModificationTime')
  return list
}

/** An item's value of the sort field, or undefined when the reply left it out. */
export function sortValueOf(item: KeyedItem, order: SortOrder): string | undefined {
  return order.field === 'CreationTime' ? item.creationTime : item.modificationTime
}

function sameInstant(left: string, right: string): boolean {
  const a = Date.parse(left)
  const b = Date.parse(right)
  return Number.isNaN(a) || Number.isNaN(b) ? left === right : a === b
}

/**
 * The Match of the resumed search: the original filter and the sort field bounded at the last
 * value given (`CreationTime = [,'t']` going down, `['t',]` going up). Brackets are inclusive.
 */
export function boundedMatch(
  match: string | undefined,
  order: SortOrder,
  bound: KeysetBound,
): string {
  const range = order.descending ? `[,'${bound.at}']` : `['${bound.at}',]`
  const condition = `${order.field} = ${range}`
  // A top-level `or` must already sit in parentheses in Match, so `and` binds as intended.
  return match === undefined || match.trim() === '' ? condition : `${match} and ${condition}`
}

/** Whether an item of a resumed search was already given before it resumed. */
export function alreadyGiven(
  item: KeyedItem,
  order: SortOrder,
  bound: KeysetBound | undefined,
): boolean {
  if (!bound) return false
  const value = sortValueOf(item, order)
  return value !== undefined && sameInstant(value, bound.at) && bound.seen.includes(item.mediaId)
}

/**
 * The tail after giving `item`: the last sort value and every id given at that value. Resuming
 * from the tail gives each item exactly once.
 */
export function advanceTail(
  tail: KeysetBound | undefined,
  item: KeyedItem,
  order: SortOrder,
): KeysetBound | undefined {
  const value = sortValueOf(item, order)
  if (value === undefined) return tail
  if (tail && sameInstant(tail.at, value)) {
    return tail.seen.includes(item.mediaId)
      ? tail
      : { at: tail.at, seen: [...tail.seen, item.mediaId] }
  }
  return { at: value, seen: [item.mediaId] }
}

/**
 * The bound to resume from, or `SearchWindowFull` when resuming would not move: the previous
 * bound already sat at the same second, so more than a whole window of items share it.
 */
export function resumeBound(
  tail: KeysetBound | undefined,
  previous: KeysetBound | undefined,
): KeysetBound | undefined {
  if (!tail) return undefined
  if (previous && sameInstant(previous.at, tail.at)) {
    throw new AppError('SearchWindowFull', `${tail.seen.length} items at ${tail.at}`)
  }
  return tail
}

/** A ScrollToken the service no longer accepts (expired, or forgotten). */
export function isStaleScrollToken(error: unknown): boolean {
  if (!(error instanceof VodServiceError)) return false
  const code = error.serverCode ?? ''
  if (code.startsWith('InvalidScrollToken')) return true
  return code.startsWith('InvalidParameter') && (error.detail ?? '').includes('ScrollToken')
}
