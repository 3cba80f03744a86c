import { videoNotFound } from '../api/errors'
import { formatUtc } from '../clock'
import type { SnapshotType } from '../library-types'
import type { ActionHandler } from './context'
import { mediaUrl } from './views'

/**
 * ListSnapshots: one snapshot type of a video, paged, with
 * `MediaSnapshot: {Total, Regular, CreationTime, JobId, Snapshots: {Snapshot: [{Index, Url}]}}`.
 * AuthTimeout below 3600 is raised to 3600, as the real API does.
 */

const snapshotTypes: readonly SnapshotType[] = [
  'CoverSnapshot',
  'NormalSnapshot',
  'SpriteSnapshot',
  'SpriteOriginSnapshot',
  'WebVttSnapshot',
]

export const listSnapshots: ActionHandler = (params, context) => {
  const media = context.library.findMedia(params.requiredString('VideoId'))
  if (!media) throw videoNotFound()
  const type = params.choice('SnapshotType', snapshotTypes, 'CoverSnapshot')
  const pageNo = params.integer('PageNo', 1, { min: 1 })
  const pageSize = params.integer('PageSize', 20, { min: 1, max: 100 })
  const lifetime = Math.max(3600, params.integer('AuthTimeout', 3600, { max: 2_592_000 }))
  const set = media.snapshots[type]
  if (!set) return { MediaSnapshot: { Total: 0, Snapshots: { Snapshot: [] } } }
  const first = (pageNo - 1) * pageSize
  return {
    MediaSnapshot: {
      Total: set.items.length,
      Regular: `${context.urls.baseUrl}${context.urls.cdnPath(set.regularKey).replace('%7BSnapshotCount%7D', '{SnapshotCount}')}`,
      CreationTime: formatUtc(set.creationTime),
      JobId: set.jobId,
      Snapshots: {
        Snapshot: set.items.slice(first, first + pageSize).map((item, index) => ({
          Index: first + index + 1,
          Url: mediaUrl(context, item, 'cdn', lifetime),
        })),
      },
    },
  }
}
