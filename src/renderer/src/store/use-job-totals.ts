import { useSyncExternalStore } from 'react'
import type { JobTotals } from './jobs-store'
import { useJobsStore } from './jobs-store-context'

/** Totals for the footer and the navigation badge. */
export function useJobTotals(): JobTotals {
  const store = useJobsStore()
  return useSyncExternalStore(store.subscribeTotals, store.getTotals)
}
