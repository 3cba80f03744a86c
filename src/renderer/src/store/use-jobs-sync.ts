import { useEffect, useState } from 'react'
import type { ErrorData } from '../../../shared/errors'
import { errorDataOf } from '../api/api-client'
import { useApi, useTransport } from '../api/api-context'
import type { JobsStore } from './jobs-store'

/**
 * Keeps the jobs store in step with main: subscribes to job events first, then loads the full
 * list, and loads it again whenever the event channel (re)opens, because events sent while it
 * was down are lost. Answers the last load error, if any.
 */
export function useJobsSync(store: JobsStore): { error: ErrorData | null; reload: () => void } {
  const client = useApi()
  const transport = useTransport()
  const [error, setError] = useState<ErrorData | null>(null)
  const [attempt, setAttempt] = useState(0)

  useEffect(() => {
    let disposed = false
    let sequence = 0
    async function load(): Promise<void> {
      sequence += 1
      const mine = sequence
      const since = store.beginSync()
      try {
        const snapshots = await client.request('downloads.list')
        if (disposed || mine !== sequence) return
        store.replaceAll(snapshots, since)
        setError(null)
      } catch (caught) {
        if (!disposed) setError(errorDataOf(caught))
      }
    }
    const unsubscribes = [
      client.subscribe('jobs.changed', (snapshots) => store.applyChanged(snapshots)),
      client.subscribe('jobs.progress', (progress) => store.applyProgress(progress)),
      client.subscribe('jobs.removed', (ids) => store.applyRemoved(ids)),
      transport.onStatus((status) => {
        if (status === 'open') void load()
      }),
    ]
    void load()
    return () => {
      disposed = true
      for (const unsubscribe of unsubscribes) unsubscribe()
    }
  }, [client, transport, store, attempt])

  return { error, reload: () => setAttempt((value) => value + 1) }
}
