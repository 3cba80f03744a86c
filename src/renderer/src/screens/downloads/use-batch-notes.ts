import { useEffect, useMemo, useState } from 'react'
import type { BatchInfo } from '../../../../shared/contract'
import { useApi } from '../../api/api-context'

/**
 * What each batch on screen was made from. Asked once, and again whenever a batch shows up that
 * is not known yet (a new batch arrives as jobs first; its note is written with them).
 */
export function useBatchNotes(batchIds: readonly number[]): ReadonlyMap<number, BatchInfo> {
  const client = useApi()
  const [notes, setNotes] = useState<ReadonlyMap<number, BatchInfo>>(new Map())
  const missing = useMemo(
    () => batchIds.filter((id) => !notes.has(id)).join(','),
    [batchIds, notes],
  )
  useEffect(() => {
    if (missing === '') return
    let disposed = false
    client
      .request('downloads.batches')
      .then((answer) => {
        if (!disposed) setNotes(new Map(answer.map((note) => [note.id, note])))
      })
      .catch(() => undefined)
    return () => {
      disposed = true
    }
  }, [client, missing])
  return notes
}
