import { useCallback, useSyncExternalStore } from 'react'
import type { JobFilter } from './job-filters'
import { useJobsStore } from './jobs-store-context'

/** Job ids for a filter in queue order; re-renders only when membership or order changes. */
export function useJobIds(filter: JobFilter): readonly number[] {
  const store = useJobsStore()
  const read = useCallback(() => store.getIds(filter), [store, filter])
  return useSyncExternalStore(store.subscribeList, read)
}

/** False until the first full list has arrived (loading state). */
export function useJobsLoaded(): boolean {
  const store = useJobsStore()
  return useSyncExternalStore(store.subscribeList, store.isLoaded)
}
