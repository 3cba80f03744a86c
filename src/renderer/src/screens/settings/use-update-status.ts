import { useEffect, useState } from 'react'
import type { UpdateStatus } from '../../../../shared/contract'
import { useApi } from '../../api/api-context'

/**
 * The desktop app's self-update as main reports it: asked once, then followed through
 * `app.updateChanged`. `null` until the first answer (or when asking failed).
 */
export function useUpdateStatus(): UpdateStatus | null {
  const client = useApi()
  const [status, setStatus] = useState<UpdateStatus | null>(null)
  useEffect(() => {
    let current = true
    const unsubscribe = client.subscribe('app.updateChanged', (next) => setStatus(next))
    client.request('app.updateStatus').then(
      (answer) => {
        if (current) setStatus((known) => known ?? answer)
      },
      () => undefined,
    )
    return () => {
      current = false
      unsubscribe()
    }
  }, [client])
  return status
}
