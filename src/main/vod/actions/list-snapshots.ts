import { z } from 'zod'
import type { VodQuery } from '../transport'
import { optional, optionalArray, wireNumber, wireString } from '../wire'
import { buildQuery } from './common'

/** Every snapshot type ListSnapshots knows. Note `WebVttSnapshot`, not "WebVTT". */
export const snapshotTypes = [
  'CoverSnapshot',
  'NormalSnapshot',
  'SpriteSnapshot',
  'SpriteOriginSnapshot',
  'WebVttSnapshot',
] as const

export type SnapshotType = (typeof snapshotTypes)[number]

/** ListSnapshots raises smaller AuthTimeouts to this value. */
export const snapshotMinimumAuthTimeoutSeconds = 3600

/** Largest page ListSnapshots serves. */
export const snapshotPageSizeLimit = 100

export interface ListSnapshotsPageRequest {
  videoId: string
  snapshotType: SnapshotType
  pageNo: number
  pageSize: number
  authTimeout?: number
}

/** Every parameter is a string in the SDK model, numbers included. */
export function listSnapshotsQuery(request: ListSnapshotsPageRequest): VodQuery {
  return buildQuery({
    VideoId: request.videoId,
    SnapshotType: request.snapshotType,
    PageNo: request.pageNo,
    PageSize: request.pageSize,
    AuthTimeout: request.authTimeout,
  })
}

const snapshotSchema = z
  .object({ Index: wireNumber, Url: wireString })
  .transform((wire) => ({ index: wire.Index, url: wire.Url }))

const mediaSnapshotSchema = z
  .object({
    Total: optional(wireNumber),
    Regular: optional(wireString),
    CreationTime: optional(wireString),
    JobId: optional(wireString),
    Snapshots: optional(z.object({ Snapshot: optionalArray(snapshotSchema) })),
  })
  .transform((wire) => ({
    total: wire.Total,
    /** URL pattern with `{SnapshotCount}`. */
    regular: wire.Regular,
    creationTime: wire.CreationTime,
    jobId: wire.JobId,
    snapshots: wire.Snapshots?.Snapshot ?? [],
  }))

export const listSnapshotsResponseSchema = z
  .object({ RequestId: optional(wireString), MediaSnapshot: optional(mediaSnapshotSchema) })
  .transform((wire): SnapshotPage => wire.MediaSnapshot ?? { total: 0, snapshots: [] })

export type Snapshot = z.output<typeof snapshotSchema>

/** One page of ListSnapshots. */
export interface SnapshotPage {
  total?: number
  /** URL pattern with `{SnapshotCount}`. */
  regular?: string
  creationTime?: string
  jobId?: string
  snapshots: Snapshot[]
}

/** All snapshots of one type (every page fetched). */
export interface SnapshotList {
  snapshotType: SnapshotType
  jobId?: string
  creationTime?: string
  snapshots: Snapshot[]
}
