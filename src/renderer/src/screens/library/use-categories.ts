import { useEffect, useState } from 'react'
import type { Category, MediaType } from '../../../../shared/contract'
import { useApi } from '../../api/api-context'

/**
 * Categories for the filter. A failure here is not worth an error banner: the filter just offers
 * "All categories" and the search itself reports account problems.
 */
export function useCategories(
  mediaType: MediaType,
  accountKey: string | null,
): readonly Category[] {
  const client = useApi()
  const key = `${accountKey ?? ''}#${mediaType}`
  const [loaded, setLoaded] = useState<{ key: string; categories: readonly Category[] } | null>(
    null,
  )
  useEffect(() => {
    if (accountKey === null) return
    let disposed = false
    const requestKey = `${accountKey}#${mediaType}`
    client
      .request('library.categories', { mediaType })
      .then((categories) => {
        if (!disposed) setLoaded({ key: requestKey, categories })
      })
      .catch(() => {
        if (!disposed) setLoaded({ key: requestKey, categories: [] })
      })
    return () => {
      disposed = true
    }
  }, [client, mediaType, accountKey])
  return loaded && loaded.key === key ? loaded.categories : []
}
