import { exceededMax, videoNotFound } from '../api/errors'
import type { ActionHandler } from './context'
import { snapshotUrls, videoScalars } from './views'

/**
 * GetVideoInfo (`Video`, with `Snapshots: {Snapshot: [...]}`) and GetVideoInfos (a bare
 * `VideoList` array whose items carry a bare `Snapshots` array, plus `NonExistVideoIds`).
 */

export const getVideoInfo: ActionHandler = (params, context) => {
  const media = context.library.findMedia(params.requiredString('VideoId'))
  if (!media) throw videoNotFound()
  return {
    Video: {
      ...videoScalars(context, media),
      AuditStatus: media.status === 'Blocked' ? 'Blocked' : 'Normal',
      RegionId: 'cn-shanghai',
      Snapshots: { Snapshot: snapshotUrls(context, media) },
    },
  }
}

export const getVideoInfos: ActionHandler = (params, context) => {
  const ids = params.list('VideoIds') ?? []
  if (ids.length === 0) params.requiredString('VideoIds')
  if (ids.length > 20) throw exceededMax('VideoIds')
  const videoList: Array<Record<string, unknown>> = []
  const nonExistVideoIds: string[] = []
  for (const id of ids) {
    const media = context.library.findMedia(id)
    if (!media) {
      nonExistVideoIds.push(id)
      continue
    }
    videoList.push({ ...videoScalars(context, media), Snapshots: snapshotUrls(context, media) })
  }
  return { VideoList: videoList, NonExistVideoIds: nonExistVideoIds }
}
