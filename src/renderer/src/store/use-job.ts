import { useCallback, useSyncExternalStore } from 'react'
import type { JobView } from './jobs-store'
import { useJobsStore } from './jobs-store-context'

/** One job, re-rendering only when that job changes. */
export function useJob(id: number): JobView | undefined {
  const store = useJobsStore()
  const subscribe = useCallback(
    (listener: () => void) => store.subscribeJob(id, listener),
    [store, id],
  )
  const read = useCallback(() => store.getJob(id), [store, id])
  return useSyncExternalStore(subscribe, read)
}
