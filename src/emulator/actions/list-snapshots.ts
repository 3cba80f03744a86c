import { illegalStatus, noSuchResource, videoNotFound } from '../api/errors'
import { formatUtc } from '../clock'
import type { SnapshotType, VideoStatus } from '../library-types'
import type { ActionHandler } from './context'
import { mediaUrl } from './views'

/**
 * ListSnapshots: one snapshot type of a video, paged, with
 * `MediaSnapshot: {Total, Regular, CreationTime, JobId, Snapshots: {Snapshot: [{Index, Url}]}}`.
 * AuthTimeout below 3600 is raised to 3600, as the real API does. As the API reference documents:
 * only videos in UploadSucc, Normal, Checking or Blocked have snapshot data (others answer
 * `Forbidden.IllegalStatus` with HTTP 400), and a type without a snapshot job answers
 * `NoSuchResource` (404).
 */

const statusesWithSnapshots: ReadonlySet<VideoStatus> = new Set<VideoStatus>([
  'UploadSucc',
  'Normal',
  'Checking',
  'Blocked',
])

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
  if (!statusesWithSnapshots.has(media.status)) throw illegalStatus(media.status, 400)
  const set = media.snapshots[type]
  if (!set) throw noSuchResource(`${media.id}/${type}`)
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
