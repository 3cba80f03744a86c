import { useCallback, useSyncExternalStore } from 'react'
import type { JobSnapshot } from '../../../../shared/jobs'
import type { CoversCache } from './covers-cache'

/** The cover of the media a job downloads (null without one, or for a plain URL). */
export function useCover(cache: CoversCache, snapshot: JobSnapshot): string | null {
  const reference = snapshot.source.kind === 'vod' ? snapshot.source.reference : null
  const mediaType = reference?.mediaType ?? 'video'
  const mediaId = reference?.mediaId ?? ''
  const vod = reference !== null
  const subscribe = useCallback(
    (listener: () => void) =>
      vod ? cache.subscribe(mediaType, mediaId, listener) : () => undefined,
    [cache, mediaType, mediaId, vod],
  )
  const read = useCallback(
    () => (vod ? (cache.get(mediaType, mediaId) ?? null) : null),
    [cache, mediaType, mediaId, vod],
  )
  return useSyncExternalStore(subscribe, read)
}
