import { ApiError, invalidParameter } from '../api/errors'
import type { DemoMedia } from '../library-types'
import type { ActionHandler } from './context'
import { snapshotUrls, videoScalars } from './views'

/**
 * GetVideoList: paging by status, creation time and category, with a wrapped
 * `VideoList: {Video: [...]}`. Only the first 5,000 matches are reachable.
 */

export const maxReachableResults = 5000

export const getVideoList: ActionHandler = (params, context) => {
  const statuses = params.list('Status')?.map((status) => status.toLowerCase())
  const start = timeParam(params.optionalString('StartTime'), 'StartTime')
  const end = timeParam(params.optionalString('EndTime'), 'EndTime')
  const cateId = params.optionalString('CateId')
  const pageNo = params.integer('PageNo', 1, { min: 1 })
  const pageSize = params.integer('PageSize', 10, { min: 1, max: 100 })
  const sortBy = params.choice(
    'SortBy',
    ['CreationTime:Desc', 'CreationTime:Asc'],
    'CreationTime:Desc',
  )
  if (pageNo * pageSize > maxReachableResults) {
    throw new ApiError(
      'VideoListExceededMax',
      400,
      `Only the first ${maxReachableResults} videos can be listed; narrow StartTime and EndTime.`,
    )
  }
  const matches = [...context.library.videos, ...context.library.audios].filter(
    (media: DemoMedia) =>
      (!statuses || statuses.includes(media.status.toLowerCase())) &&
      (start === undefined || media.creationTime >= start) &&
      (end === undefined || media.creationTime <= end) &&
      (cateId === undefined || String(media.cateId) === cateId),
  )
  const direction = sortBy === 'CreationTime:Asc' ? 1 : -1
  matches.sort((a, b) => direction * (a.creationTime - b.creationTime) || a.id.localeCompare(b.id))
  const page = matches.slice((pageNo - 1) * pageSize, pageNo * pageSize)
  return {
    Total: matches.length,
    VideoList: {
      Video: page.map((media) => ({
        ...videoScalars(context, media),
        Snapshots: { Snapshot: snapshotUrls(context, media) },
      })),
    },
  }
}

function timeParam(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined
  const parsed = Date.parse(value)
  if (Number.isNaN(parsed)) throw invalidParameter(name)
  return parsed
}
