import { useCallback, useEffect, useState } from 'react'
import type { BackupView } from '../../../../shared/contract'
import type { ErrorData } from '../../../../shared/errors'
import { errorDataOf } from '../../api/api-client'
import { useApi } from '../../api/api-context'

export type BackupsState =
  | { kind: 'loading' }
  | { kind: 'error'; error: ErrorData }
  | { kind: 'loaded'; backups: readonly BackupView[] }

/**
 * The saved backups: loaded once, then replaced by every `backups.changed` (main sends the whole
 * list: there are a handful, and a run's progress changes one of them at a time).
 */
export function useBackups(): { state: BackupsState; reload: () => void } {
  const client = useApi()
  const [state, setState] = useState<BackupsState>({ kind: 'loading' })
  const [revision, setRevision] = useState(0)
  useEffect(() => {
    let disposed = false
    const unsubscribe = client.subscribe('backups.changed', (backups) => {
      if (!disposed) setState({ kind: 'loaded', backups })
    })
    client
      .request('backups.list')
      .then((backups) => {
        if (!disposed)
          setState((current) => (current.kind === 'loaded' ? current : { kind: 'loaded', backups }))
      })
      .catch((error: unknown) => {
        if (!disposed) setState({ kind: 'error', error: errorDataOf(error) })
      })
    return () => {
      disposed = true
      unsubscribe()
    }
  }, [client, revision])
  const reload = useCallback(() => {
    setState({ kind: 'loading' })
    setRevision((value) => value + 1)
  }, [])
  return { state, reload }
}
