import { z } from 'zod'
import type { RestoreTier } from '../../../shared/vod'
import type { VodQuery } from '../transport'
import { optional, optionalArray, wireString } from '../wire'
import { buildQuery } from './common'

/** RestoreMedia takes at most this many ids per call. */
export const restoreMediaBatchLimit = 20

/**
 * RestoreMedia (API 2017-03-21): restores Archive and Cold Archive media. `RestoreTier` matters
 * for Cold Archive only (Expedited within 1 hour, Standard 2–5 hours, Bulk 5–12 hours; the
 * service's default is Standard); `RestoreDays` is how long the restored copy stays readable
 * (default 1; at most 7 for Archive, 365 for Cold Archive). `Scope` is left to the service's
 * default (`All`: source and streams).
 */
export interface RestoreMediaRequest {
  mediaIds: readonly string[]
  restoreDays?: number
  restoreTier?: RestoreTier
}

export function restoreMediaQuery(request: RestoreMediaRequest): VodQuery {
  return buildQuery({
    MediaIds: request.mediaIds.join(','),
    RestoreDays: request.restoreDays,
    RestoreTier: request.restoreTier,
  })
}

/**
 * `ForbiddenList.MediaForbiddenReasonDTO[]` names the ids the service refused and why (e.g.
 * `Forbidden.RestoreMedia`); `IgnoredList.MediaId[]` the ids it could not find. Either list may
 * be absent when empty.
 */
export const restoreMediaResponseSchema = z
  .object({
    RequestId: optional(wireString),
    Success: optional(z.boolean()),
    ForbiddenList: optional(
      z.object({
        MediaForbiddenReasonDTO: optionalArray(
          z.object({ MediaId: wireString, Reason: optional(wireString) }),
        ),
      }),
    ),
    IgnoredList: optional(z.object({ MediaId: optionalArray(wireString) })),
  })
  .transform((wire) => ({
    success: wire.Success,
    forbidden: (wire.ForbiddenList?.MediaForbiddenReasonDTO ?? []).map((entry) => ({
      mediaId: entry.MediaId,
      reason: entry.Reason,
    })),
    ignored: wire.IgnoredList?.MediaId ?? [],
  }))

export type RestoreMediaResponse = z.output<typeof restoreMediaResponseSchema>
