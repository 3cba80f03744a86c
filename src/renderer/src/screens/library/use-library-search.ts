import { useCallback, useEffect, useState } from 'react'
import type { LibrarySearchInput, MediaSummary } from '../../../../shared/contract'
import type { ErrorData } from '../../../../shared/errors'
import { errorDataOf } from '../../api/api-client'
import { useApi } from '../../api/api-context'

/** The search as the screen builds it (without paging). */
export type LibraryQuery = Omit<LibrarySearchInput, 'cursor' | 'pageSize'>

export interface LibrarySearchState {
  /** The query these results belong to; results of an older query are never shown. */
  key: string
  items: readonly MediaSummary[]
  total: number
  nextCursor: string | null
  error: ErrorData | null
  loadingMore: boolean
}

export interface LibrarySearch {
  /** True while the first page of the current query is loading. */
  loading: boolean
  items: readonly MediaSummary[]
  total: number | null
  hasMore: boolean
  loadingMore: boolean
  error: ErrorData | null
  loadMore: () => void
  reload: () => void
  /** Identifies the current query; selection resets when it changes. */
  queryKey: string
}

const pageSize = 100

/**
 * Pages through `library.search` with the opaque cursor. Pages are appended; a new query starts
 * over, and answers that arrive for an older query are dropped. `accountKey` identifies the
 * account: null (no account) searches nothing, and another account starts over.
 */
export function useLibrarySearch(query: LibraryQuery, accountKey: string | null): LibrarySearch {
  const client = useApi()
  const [attempt, setAttempt] = useState(0)
  const queryKey = JSON.stringify(query)
  const [state, setState] = useState<LibrarySearchState | null>(null)
  const stateKey = `${accountKey ?? ''}#${queryKey}#${attempt}`
  const enabled = accountKey !== null

  useEffect(() => {
    if (!enabled) return
    let disposed = false
    const parsed = JSON.parse(queryKey) as LibraryQuery
    client
      .request('library.search', { ...parsed, pageSize })
      .then((result) => {
        if (disposed) return
        setState({
          key: stateKey,
          items: result.items,
          total: result.total,
          nextCursor: result.nextCursor,
          error: null,
          loadingMore: false,
        })
      })
      .catch((error: unknown) => {
        if (disposed) return
        setState({
          key: stateKey,
          items: [],
          total: 0,
          nextCursor: null,
          error: errorDataOf(error),
          loadingMore: false,
        })
      })
    return () => {
      disposed = true
    }
  }, [client, queryKey, stateKey, enabled])

  const ready = state !== null && state.key === stateKey
  const cursor = ready ? state.nextCursor : null
  const loadingMore = ready && state.loadingMore

  const loadMore = useCallback(() => {
    if (!cursor || loadingMore) return
    const requestedKey = stateKey
    setState((previous) => (previous ? { ...previous, loadingMore: true } : previous))
    const parsed = JSON.parse(queryKey) as LibraryQuery
    client
      .request('library.search', { ...parsed, pageSize, cursor })
      .then((result) => {
        setState((previous) => {
          if (!previous || previous.key !== requestedKey) return previous
          return {
            ...previous,
            items: [...previous.items, ...result.items],
            total: result.total,
            nextCursor: result.nextCursor,
            loadingMore: false,
            error: null,
          }
        })
      })
      .catch((error: unknown) => {
        setState((previous) => {
          if (!previous || previous.key !== requestedKey) return previous
          return { ...previous, loadingMore: false, error: errorDataOf(error) }
        })
      })
  }, [client, cursor, loadingMore, queryKey, stateKey])

  const reload = useCallback(() => setAttempt((value) => value + 1), [])

  return {
    loading: enabled && !ready,
    items: ready ? state.items : [],
    total: ready ? state.total : null,
    hasMore: cursor !== null,
    loadingMore,
    error: ready ? state.error : null,
    loadMore,
    reload,
    queryKey: stateKey,
  }
}
