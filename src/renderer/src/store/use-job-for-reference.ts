import { useCallback, useSyncExternalStore } from 'react'
import { referenceKey } from '../../../shared/contract'
import type { VodFileReference } from '../../../shared/vod'
import type { JobView } from './jobs-store'
import { useJobsStore } from './jobs-store-context'
import { useJob } from './use-job'

/** The newest job for a file, if it was ever queued; follows that job's live state. */
export function useJobForReference(reference: VodFileReference): JobView | undefined {
  const store = useJobsStore()
  const key = referenceKey(reference)
  const read = useCallback(() => store.getJobIdForReference(key) ?? 0, [store, key])
  const id = useSyncExternalStore(store.subscribeList, read)
  return useJob(id)
}
